package com.penguinmails.sending.messages;

import java.util.List;

/** Per recipient: the message made for them, or why they were not accepted (a problem type and detail). */
public record SubmissionResult(List<Outcome> outcomes) {

    public record Outcome(int index, String to, String messageId, MessageStatus status, String problemType, String detail) {
        public boolean accepted() {
            return messageId != null;
        }
    }

    public long acceptedCount() {
        return outcomes.stream().filter(Outcome::accepted).count();
    }
}
