package com.penguinmails.sending.reputation;

/** How a sender's recent mail looks, from best to worst; declaration order is severity order. */
public enum ReputationState {
    /** Every signal is below its warn line. */
    HEALTHY,
    /** A signal crossed its warn line (providers' "under review"): tell the user, keep sending. */
    WARNING,
    /** Close to the pause line (for complaints: Gmail and Yahoo's 0.3 % line): slow down, stop new campaigns. */
    AT_RISK,
    /** A signal crossed its pause line: stop sending until someone fixes the cause and resumes. */
    PAUSED;

    public boolean isWorseThan(ReputationState other) {
        return compareTo(other) > 0;
    }
}
