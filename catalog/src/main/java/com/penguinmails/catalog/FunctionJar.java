package com.penguinmails.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The shaded jar a function is deployed with (built by the functions module). A smaller jar is a shorter cold
 * start, so the functions that never send mail nor touch mailbox passwords get one without SES, KMS and the mail
 * libraries.
 */
public enum FunctionJar {
    /** Without SES, KMS and Angus Mail: the HTTP API, the authorizer, audit, ingest and tracking. */
    API("functions-api.jar"),
    /** Everything: the functions that send mail, provision SES pools, encrypt mailbox passwords or run on a schedule. */
    MAIL("functions-mail.jar");

    private final String fileName;

    FunctionJar(String fileName) {
        this.fileName = fileName;
    }

    /** The file name under {@code functions/target/}. */
    public String fileName() {
        return fileName;
    }

    /** As written in the catalog: {@code api} or {@code mail}. */
    @JsonCreator
    public static FunctionJar fromCatalog(String value) {
        return CatalogValues.parse(FunctionJar.class, "jar", value);
    }
}
