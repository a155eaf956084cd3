package com.penguinmails.core.events;

/**
 * The {@code data} of {@code placement.observed}: the folder a seed mailbox found one message in. Published once per
 * message and seed mailbox (the event id is derived from both), so re-reading a mailbox does not count a copy twice.
 *
 * @param resourceId      the sending mailbox or IP the message left from
 * @param resourceKind    {@code mailbox} or {@code ip}
 * @param sendingDomain   the From domain, so placement can be grouped per domain
 * @param provider        the seed mailbox's provider: gmail, microsoft, yahoo, apple or other
 * @param folder          {@code inbox}, {@code spam} (spam or junk folder) or {@code other} (promotions, archive, ...)
 * @param seedMailboxId   the receiving mailbox that looked
 * @param placementTestId the placement test the copy belongs to; null for ordinary warmup mail
 * @param messageId       the message's Message-ID
 */
public record PlacementObservedData(String resourceId, String resourceKind, String sendingDomain, String provider,
                                    String folder, String seedMailboxId, String placementTestId, String messageId) {

    public static Builder builder() {
        return new Builder();
    }

    /** Eight fields, five of them strings: named setters keep a caller from swapping two of them. */
    public static final class Builder {
        private String resourceId;
        private String resourceKind;
        private String sendingDomain;
        private String provider;
        private String folder;
        private String seedMailboxId;
        private String placementTestId;
        private String messageId;

        private Builder() {
        }

        public Builder resourceId(String value) { this.resourceId = value; return this; }

        public Builder resourceKind(String value) { this.resourceKind = value; return this; }

        public Builder sendingDomain(String value) { this.sendingDomain = value; return this; }

        public Builder provider(String value) { this.provider = value; return this; }

        public Builder folder(String value) { this.folder = value; return this; }

        public Builder seedMailboxId(String value) { this.seedMailboxId = value; return this; }

        public Builder placementTestId(String value) { this.placementTestId = value; return this; }

        public Builder messageId(String value) { this.messageId = value; return this; }

        public PlacementObservedData build() {
            return new PlacementObservedData(resourceId, resourceKind, sendingDomain, provider, folder, seedMailboxId,
                    placementTestId, messageId);
        }
    }
}
