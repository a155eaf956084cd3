package com.penguinmails.campaigns.contacts;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.problems.JsonInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One contact as a caller gives it: the fields present replace the stored ones, the absent ones are kept, and a
 * consent is added to the contact's record of consents (never replaces one: the history is the proof).
 */
record ContactInput(String email, Optional<String> firstName, Optional<String> lastName, Optional<String> company,
                    Optional<ZoneId> timeZone, Optional<Set<String>> tags, Optional<Map<String, String>> fields, Optional<Consent> consent) {

    static final Set<String> FIELDS = Set.of("email", "firstName", "lastName", "company", "timeZone", "tags", "fields", "consent");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    static final int MAX_TAGS = 50;
    static final int MAX_FIELDS = 50;
    static final int MAX_VALUE = 1000;
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern CONSENT_TEXT = Pattern.compile("(?s)[^\\p{Cc}&&[^\\n\\r\\t]]{1,5000}");
    private static final Set<String> RESERVED = Set.of("email", "firstName", "lastName", "company", "unsubscribeUrl");

    /** Reads one contact, reporting each problem on {@code input}; empty when there was any. */
    static Optional<ContactInput> read(JsonInput input, Instant now) {
        if (!input.object(FIELDS)) {
            return Optional.empty();
        }
        Optional<String> email = input.text("email", true, null, "an email address such as ada@example.org");
        if (email.isPresent() && !EmailAddresses.isValid(email.get())) {
            input.error("email", "must be an email address such as ada@example.org");
        }
        Optional<String> firstName = input.text("firstName", false, NAME, "1 to 200 characters");
        Optional<String> lastName = input.text("lastName", false, NAME, "1 to 200 characters");
        Optional<String> company = input.text("company", false, NAME, "1 to 200 characters");
        Optional<ZoneId> zone = input.text("timeZone", false, null, "an IANA time zone such as Europe/Berlin").flatMap(z -> zone(input, z));
        Optional<Set<String>> tags = input.texts("tags", MAX_TAGS, TAG, "a tag of 1 to 64 letters, digits, '.', '_', ':' or '-'")
                .map(LinkedHashSet::new);
        Optional<Map<String, String>> fields = input.child("fields", false).flatMap(ContactInput::fields);
        Optional<Consent> consent = input.child("consent", false).flatMap(c -> consent(c, now));
        if (!input.ok()) {
            return Optional.empty();
        }
        return Optional.of(new ContactInput(email.orElseThrow().trim(), firstName, lastName, company, zone, tags, fields, consent));
    }

    Contact applyTo(Contact stored, String workspaceId, Instant now) {
        Contact.Builder builder = stored == null
                ? Contact.builder().id(Contact.idOf(email)).workspaceId(workspaceId).email(email).createdAt(now).status(ContactStatus.ACTIVE)
                : stored.toBuilder();
        firstName.ifPresent(builder::firstName);
        lastName.ifPresent(builder::lastName);
        company.ifPresent(builder::company);
        timeZone.ifPresent(builder::timeZone);
        tags.ifPresent(builder::tags);
        fields.ifPresent(builder::fields);
        if (consent.isPresent()) {
            java.util.List<Consent> consents = new java.util.ArrayList<>(stored == null ? java.util.List.of() : stored.consents());
            if (!consents.contains(consent.get())) {
                consents.add(consent.get());
            }
            builder.consents(consents);
        }
        return builder.updatedAt(now).build();
    }

    private static Optional<ZoneId> zone(JsonInput input, String value) {
        try {
            if (!value.contains("/") && !value.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return Optional.of(ZoneId.of(value));
        } catch (DateTimeException e) {
            input.error("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> fields(JsonInput fields) {
        Map<String, String> values = new LinkedHashMap<>();
        if (fields.node().size() > MAX_FIELDS) {
            fields.error("holds at most " + MAX_FIELDS + " custom fields");
            return Optional.empty();
        }
        fields.node().fields().forEachRemaining(entry -> {
            if (!FIELD_NAME.matcher(entry.getKey()).matches() || RESERVED.contains(entry.getKey())) {
                fields.error(entry.getKey(), "a custom field's name is a letter then up to 63 letters, digits or '_', and not one of "
                        + String.join(", ", new java.util.TreeSet<>(RESERVED)));
            } else if (!entry.getValue().isTextual() || entry.getValue().asText().length() > MAX_VALUE) {
                fields.error(entry.getKey(), "must be a string of at most " + MAX_VALUE + " characters");
            } else {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return Optional.of(values);
    }

    private static Optional<Consent> consent(JsonInput consent, Instant now) {
        if (!consent.object(Set.of("source", "collectedAt", "text"))) {
            return Optional.empty();
        }
        Optional<String> source = consent.text("source", true, NAME, "where consent was given (1 to 200 characters), e.g. a form's URL");
        Optional<Instant> at = consent.instant("collectedAt", true);
        if (at.isPresent() && at.get().isAfter(now.plusSeconds(300))) {
            consent.error("collectedAt", "is in the future: consent is recorded once it was given");
        }
        Optional<String> text = consent.text("text", true, CONSENT_TEXT, "the wording the person agreed to, 1 to 5000 characters");
        if (source.isEmpty() || at.isEmpty() || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Consent(source.get(), at.get(), text.get()));
    }
}
