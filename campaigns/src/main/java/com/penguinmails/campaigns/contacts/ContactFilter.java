package com.penguinmails.campaigns.contacts;

import java.util.Map;
import java.util.Set;

/**
 * A segment: contacts carrying every one of {@code tags} and whose custom {@code fields} equal the values given;
 * only mailable ones when {@code mailableOnly}. The empty filter matches everyone.
 */
public record ContactFilter(Set<String> tags, Map<String, String> fields, boolean mailableOnly) {

    public static final ContactFilter ALL = new ContactFilter(Set.of(), Map.of(), false);

    public ContactFilter {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public boolean matches(Contact contact) {
        return contact.tags().containsAll(tags)
                && fields.entrySet().stream().allMatch(f -> f.getValue().equals(contact.fields().get(f.getKey())))
                && (!mailableOnly || contact.mailable());
    }
}
