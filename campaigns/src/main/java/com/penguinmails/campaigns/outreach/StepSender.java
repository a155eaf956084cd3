package com.penguinmails.campaigns.outreach;

import com.penguinmails.sending.messages.Submission;
import java.time.Instant;

/**
 * Hands a step's email to sending, at most once per {@code stepKey}: a second call with the same key (a sequencer run
 * that stopped after sending and before recording it) answers the first call's message instead of sending again.
 */
public interface StepSender {

    /** The message the step became: our id, its Message-ID header, and when it was accepted. */
    record SentEmail(String messageId, String messageIdHeader, Instant acceptedAt) {}

    /**
     * Thrown when sending refused the email for good for this contact (suppressed, or a variable the step uses is
     * missing); the contact's sequence stops for {@code reason}.
     */
    final class Refused extends RuntimeException {
        private final StopReason reason;

        public Refused(StopReason reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public StopReason reason() {
            return reason;
        }
    }

    SentEmail send(String workspaceId, String stepKey, Submission submission);
}
