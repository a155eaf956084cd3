package com.penguinmails.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A secret the deployer gives the stack once and only the functions that name it in the catalog receive
 * ({@code secrets: [tracking]}), so a function that has no use for it cannot leak or misuse it.
 */
public enum StackSecret {
    /** The HMAC key of tracking, click and unsubscribe links: who holds it can forge them. */
    TRACKING("PM_TRACKING_SECRET");

    private final String variable;

    StackSecret(String variable) {
        this.variable = variable;
    }

    /** The environment variable the secret is passed in. */
    public String variable() {
        return variable;
    }

    /** As written in the catalog: {@code tracking}. */
    @JsonCreator
    public static StackSecret fromCatalog(String value) {
        return CatalogValues.parse(StackSecret.class, "secret", value);
    }
}
