package com.penguinmails.analytics.recommendations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One piece of advice, in the shape of SES's recommendations (type, impact, status, resource, description, created
 * and updated times) plus the evidence it rests on and what to do. Its id follows from type and resource, so the same
 * problem found again is the same recommendation (updated, or reopened once fixed), never a duplicate.
 *
 * @param fixedAt when its condition last cleared; null while open and never fixed. Kept when it reopens, so the
 *                history shows it was fixed once
 * @param version guards the stored item: a save succeeds only over the version that was read
 */
public record Recommendation(String id, String workspaceId, RecommendationType type, Impact impact, Status status,
                             String resource, String description, Instant createdAt, Instant updatedAt, Instant fixedAt,
                             Evidence evidence, String action, long version) {

    public enum Impact {
        HIGH, LOW;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Impact> fromWire(String name) {
            return Arrays.stream(values()).filter(i -> i.wireName().equals(name)).findFirst();
        }

        public static String wireNames() {
            return Arrays.stream(values()).map(Impact::wireName).collect(Collectors.joining(", "));
        }
    }

    public enum Status {
        OPEN, FIXED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> fromWire(String name) {
            return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
        }

        public static String wireNames() {
            return Arrays.stream(values()).map(Status::wireName).collect(Collectors.joining(", "));
        }
    }

    public Recommendation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** {@code rec_} and 20 hex digits of SHA-256 over type and resource: stable, and safe in a URL and a sort key. */
    public static String idFor(RecommendationType type, String resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((type.wireName() + "\n" + resource).getBytes(StandardCharsets.UTF_8));
            return "rec_" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).workspaceId(workspaceId).type(type).impact(impact).status(status).resource(resource)
                .description(description).createdAt(createdAt).updatedAt(updatedAt).fixedAt(fixedAt).evidence(evidence)
                .action(action).version(version);
    }

    public static final class Builder {
        private String id;
        private String workspaceId;
        private RecommendationType type;
        private Impact impact;
        private Status status = Status.OPEN;
        private String resource;
        private String description;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant fixedAt;
        private Evidence evidence;
        private String action;
        private long version;

        private Builder() {
        }

        public Builder id(String value) { this.id = value; return this; }
        public Builder workspaceId(String value) { this.workspaceId = value; return this; }
        public Builder type(RecommendationType value) { this.type = value; return this; }
        public Builder impact(Impact value) { this.impact = value; return this; }
        public Builder status(Status value) { this.status = value; return this; }
        public Builder resource(String value) { this.resource = value; return this; }
        public Builder description(String value) { this.description = value; return this; }
        public Builder createdAt(Instant value) { this.createdAt = value; return this; }
        public Builder updatedAt(Instant value) { this.updatedAt = value; return this; }
        public Builder fixedAt(Instant value) { this.fixedAt = value; return this; }
        public Builder evidence(Evidence value) { this.evidence = value; return this; }
        public Builder action(String value) { this.action = value; return this; }
        public Builder version(long value) { this.version = value; return this; }

        /** Type, impact, resource, description, evidence and action from what a rule found; the id from type and resource. */
        public Builder from(Finding finding) {
            return id(finding.id()).type(finding.type()).impact(finding.impact()).resource(finding.resource())
                    .description(finding.description()).evidence(finding.evidence()).action(finding.action());
        }

        public Recommendation build() {
            return new Recommendation(id, workspaceId, type, impact, status, resource, description, createdAt, updatedAt,
                    fixedAt, evidence, action, version);
        }
    }
}
