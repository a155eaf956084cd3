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

    /** Thrown when sending refused the email for good (the recipient is suppressed); the contact's sequence stops. */
    final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    SentEmail send(String workspaceId, String stepKey, Submission submission);
}
