package com.penguinmails.analytics.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.analytics.channels.ChannelEventResult.FieldError;
import com.penguinmails.core.events.ChannelActivityData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one channel-event item and turns it into {@link ChannelActivityData}, collecting every problem with its JSON
 * path instead of stopping at the first, so a caller fixing a batch of 1,000 sees all of them in one answer.
 */
final class ChannelEventValidator {

    /** How far back an item may be: the roll-ups' hour buckets for older days are folded and no longer take events. */
    static final Duration MAX_AGE = Duration.ofDays(30);
    /** How far ahead an item may be: clock skew between the caller and us, not scheduled activity. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    static final int MAX_PROPERTIES = 20;

    static final Set<String> FIELDS = Set.of("channel", "type", "contact", "campaignId", "step", "variant", "occurredAt",
            "idempotencyId", "properties");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{1,63}");
    /** An external contact id: no '#', which the funnel table keeps for items of its own. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+/=-]{0,127}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern IDEMPOTENCY_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ChannelEventValidator() {
    }

    /** Either the data or the problems (never both). */
    record Checked(ChannelActivityData data, List<FieldError> errors) {
    }

    static Checked check(JsonNode item, String path, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (item == null || !item.isObject()) {
            errors.add(new FieldError(path, "Each event must be a JSON object."));
            return new Checked(null, errors);
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(at(path, name), "Unknown field '" + name + "'. Known fields: campaignId, channel, contact, "
                        + "idempotencyId, occurredAt, properties, step, type, variant."));
            }
        }
        String channel = text(item, path, "channel", true, NAME, "a lower-case name of 1 to 32 letters, digits or '-', such as linkedin, call, sms, whatsapp or meeting", errors);
        String type = text(item, path, "type", true, NAME, "sent, delivered, opened, clicked, replied, connected, meeting-booked, or a custom lower-case name of 1 to 32 letters, digits or '-'", errors);
        String contact = contact(item, path, errors);
        String campaignId = text(item, path, "campaignId", false, ID, "1 to 64 letters, digits, '.', '_', ':' or '-'", errors);
        Integer step = step(item, path, errors);
        String variant = text(item, path, "variant", false, ID, "1 to 64 letters, digits, '.', '_', ':' or '-'", errors);
        Instant occurredAt = occurredAt(item, path, now, errors);
        String idempotencyId = text(item, path, "idempotencyId", true, IDEMPOTENCY_ID, "1 to 128 printable ASCII characters without spaces", errors);
        Map<String, String> properties = properties(item, path, errors);
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new ChannelActivityData(channel, type, contact, campaignId, step, variant, occurredAt, idempotencyId, properties), List.of());
    }

    private static String text(JsonNode item, String path, String field, boolean required, Pattern pattern, String expected, List<FieldError> errors) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(at(path, field), "Field '" + field + "' is required: " + expected + "."));
            }
            return null;
        }
        if (!node.isTextual() || !pattern.matcher(node.asText()).matches()) {
            errors.add(new FieldError(at(path, field), "Field '" + field + "' must be " + expected + "."));
            return null;
        }
        return node.asText();
    }

    private static String contact(JsonNode item, String path, List<FieldError> errors) {
        JsonNode node = item.get("contact");
        String expected = "the contact's email address or an external contact id (1 to 128 letters, digits and ._:+/=-, starting with a letter or digit)";
        if (node == null || node.isNull()) {
            errors.add(new FieldError(at(path, "contact"), "Field 'contact' is required: " + expected + "."));
            return null;
        }
        String value = node.isTextual() ? node.asText().trim() : "";
        if (value.contains("@")) {
            if (EMAIL.matcher(value).matches() && value.length() <= 254) {
                // Lower-cased like message recipients, so the same person on email and on another channel is one contact.
                return value.toLowerCase(Locale.ROOT);
            }
        } else if (EXTERNAL_ID.matcher(value).matches()) {
            return value;
        }
        errors.add(new FieldError(at(path, "contact"), "Field 'contact' must be " + expected + "."));
        return null;
    }

    private static Integer step(JsonNode item, String path, List<FieldError> errors) {
        JsonNode node = item.get("step");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > 1000) {
            errors.add(new FieldError(at(path, "step"), "Field 'step' must be a whole number from 1 to 1000."));
            return null;
        }
        return node.asInt();
    }

    private static Instant occurredAt(JsonNode item, String path, Instant now, List<FieldError> errors) {
        JsonNode node = item.get("occurredAt");
        String field = at(path, "occurredAt");
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "Field 'occurredAt' is required: an ISO-8601 time such as 2027-01-31T12:00:00Z."));
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(node.isTextual() ? node.asText() : "").toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Field 'occurredAt' must be an ISO-8601 time with an offset, such as 2027-01-31T12:00:00Z."));
            return null;
        }
        if (at.isBefore(now.minus(MAX_AGE))) {
            errors.add(new FieldError(field, "occurredAt " + at + " is more than 30 days in the past (now " + now + "); older activity is not taken."));
            return null;
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError(field, "occurredAt " + at + " is more than 5 minutes in the future (now " + now + "); send activity once it happened."));
            return null;
        }
        return at;
    }

    private static Map<String, String> properties(JsonNode item, String path, List<FieldError> errors) {
        JsonNode node = item.get("properties");
        if (node == null || node.isNull()) {
            return null;
        }
        String field = at(path, "properties");
        if (!node.isObject()) {
            errors.add(new FieldError(field, "Field 'properties' must be an object of up to " + MAX_PROPERTIES + " string values."));
            return null;
        }
        if (node.size() > MAX_PROPERTIES) {
            errors.add(new FieldError(field, "Field 'properties' has " + node.size() + " entries; at most " + MAX_PROPERTIES + "."));
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int before = errors.size();
        node.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!PROPERTY_NAME.matcher(name).matches()) {
                errors.add(new FieldError(field + "." + name, "Property names are 1 to 64 letters, digits, '_', '.' or '-'."));
            } else if (!value.isTextual() || value.asText().length() > 256) {
                errors.add(new FieldError(field + "." + name, "Property values are strings of at most 256 characters."));
            } else {
                properties.put(name, value.asText());
            }
        });
        return errors.size() == before ? properties : null;
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
