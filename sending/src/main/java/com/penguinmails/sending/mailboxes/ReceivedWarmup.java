package com.penguinmails.sending.mailboxes;

/**
 * A message the receiving side found in a mailbox (INBOX, or a spam folder it was rescued from).
 *
 * @param marks  the warmup headers it carries
 * @param folder where it was found before any rescue: what the seed mailbox's provider decided
 */
public record ReceivedWarmup(String messageId, String fromAddress, String subject, WarmupMarks marks, PlacementFolder folder) {

    /**
     * @param warmup          the {@value WarmupExchange#HEADER} value, null when absent
     * @param reply           whether it carries {@value WarmupExchange#REPLY_HEADER}
     * @param placementTestId the {@value WarmupExchange#PLACEMENT_TEST_HEADER} value: the placement test this copy
     *                        belongs to, null for ordinary warmup mail
     */
    public record WarmupMarks(String warmup, boolean reply, String placementTestId) {}

    public String warmupHeader() {
        return marks.warmup();
    }

    public boolean isReply() {
        return marks.reply();
    }

    public String placementTestId() {
        return marks.placementTestId();
    }
}
