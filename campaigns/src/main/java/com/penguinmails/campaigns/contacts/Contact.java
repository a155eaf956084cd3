package com.penguinmails.campaigns.contacts;

import com.penguinmails.core.platform.Hashing;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person a workspace may mail. One per address and workspace: the id is derived from the lower-cased address, so
 * posting the same address again updates the contact instead of making a second one (a CSV imported twice stays
 * one list).
 *
 * @param timeZone  the contact's own zone, for campaigns that send in each contact's hours; null when unknown
 * @param fields    custom fields, usable in templates as {@code {{name}}} and in segments
 * @param consents  every consent recorded, oldest first
 * @param version   incremented by every write, which is conditional on the version read
 */
public record Contact(String id, String workspaceId, String email, String firstName, String lastName, String company,
                      ZoneId timeZone, Set<String> tags, Map<String, String> fields, List<Consent> consents,
                      ContactStatus status, Instant createdAt, Instant updatedAt, long version) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        tags = tags == null ? Set.of() : Set.copyOf(new TreeSet<>(tags));
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        consents = consents == null ? List.of() : List.copyOf(consents);
        status = status == null ? ContactStatus.ACTIVE : status;
    }

    /** The contact id of an address in any workspace: {@code ct_} and 96 bits of its lower-cased SHA-256. */
    public static String idOf(String email) {
        return "ct_" + Hashing.sha256Hex(email.trim().toLowerCase(Locale.ROOT)).substring(0, 24);
    }

    /** What a template may say about the contact: the standard fields under their names, then the custom ones. */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>(fields);
        variables.put("email", email);
        putIfSet(variables, "firstName", firstName);
        putIfSet(variables, "lastName", lastName);
        putIfSet(variables, "company", company);
        return variables;
    }

    public boolean mailable() {
        return status == ContactStatus.ACTIVE;
    }

    public Builder toBuilder() {
        return new Builder().id(id).workspaceId(workspaceId).email(email).firstName(firstName).lastName(lastName).company(company)
                .timeZone(timeZone).tags(tags).fields(fields).consents(consents).status(status).createdAt(createdAt)
                .updatedAt(updatedAt).version(version);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void putIfSet(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }

    /** Builds a contact field by field (fourteen fields are too many to pass in order). */
    public static final class Builder {
        private String id;
        private String workspaceId;
        private String email;
        private String firstName;
        private String lastName;
        private String company;
        private ZoneId timeZone;
        private Set<String> tags;
        private Map<String, String> fields;
        private List<Consent> consents;
        private ContactStatus status;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        public Builder id(String value) { this.id = value; return this; }
        public Builder workspaceId(String value) { this.workspaceId = value; return this; }
        public Builder email(String value) { this.email = value; return this; }
        public Builder firstName(String value) { this.firstName = value; return this; }
        public Builder lastName(String value) { this.lastName = value; return this; }
        public Builder company(String value) { this.company = value; return this; }
        public Builder timeZone(ZoneId value) { this.timeZone = value; return this; }
        public Builder tags(Set<String> value) { this.tags = value; return this; }
        public Builder fields(Map<String, String> value) { this.fields = value; return this; }
        public Builder consents(List<Consent> value) { this.consents = value; return this; }
        public Builder status(ContactStatus value) { this.status = value; return this; }
        public Builder createdAt(Instant value) { this.createdAt = value; return this; }
        public Builder updatedAt(Instant value) { this.updatedAt = value; return this; }
        public Builder version(long value) { this.version = value; return this; }

        public Contact build() {
            return new Contact(id, workspaceId, email, firstName, lastName, company, timeZone, tags, fields, consents, status,
                    createdAt, updatedAt, version);
        }
    }
}
