package com.penguinmails.campaigns.contacts;

import java.time.Instant;
import java.util.Objects;

/**
 * How a contact agreed to be contacted, kept so it can be proven (GDPR Art. 7(1): the controller must be able to
 * demonstrate consent): where it was given, when, and the exact words the person was shown. For cold outreach under
 * legitimate interest, {@code source} says so and {@code text} holds the assessment's summary.
 *
 * @param source      where it was collected: a form's URL, "import:crm", "legitimate-interest"
 * @param collectedAt when the person gave it
 * @param text        the wording they agreed to, as shown
 */
public record Consent(String source, Instant collectedAt, String text) {

    public Consent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(text, "text");
    }
}
