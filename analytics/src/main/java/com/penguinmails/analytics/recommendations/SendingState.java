package com.penguinmails.analytics.recommendations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the sending side knows that the roll-ups do not: each domain's SPF, DKIM and DMARC checks, and each warming
 * resource's cap and use. An adapter over sending's services implements it; rules are tested on a fake.
 */
public interface SendingState {

    List<DomainAuthentication> domains(String workspaceId);

    /**
     * Each IP and mailbox, with its use of its cap on each of the last {@code days} days up to the one holding
     * {@code now}, newest first, in the days its sends are counted by (UTC for an IP, a mailbox's own time zone).
     */
    List<CapUsage> capUsage(String workspaceId, Instant now, int days);

    /** The checks of one record kind on a domain; {@code checkedAt} null when the domain was never verified. */
    record DomainAuthentication(String domain, Check spf, Check dkim, Check dmarc, Instant checkedAt) {
    }

    /** {@code found} of {@code required} records published as we asked; {@code observed} what DNS answered. */
    record Check(int found, int required, String observed) {
        public boolean passes() {
            return required > 0 && found >= required;
        }
    }

    /** {@code kind} ip or mailbox; {@code label} what a person knows it by (the address). */
    record CapUsage(String kind, String id, String label, List<DayUse> days) {
        public CapUsage {
            days = List.copyOf(days);
        }
    }

    record DayUse(LocalDate day, long sent, long cap) {
        public double share() {
            return cap <= 0 ? 0 : (double) sent / cap;
        }
    }
}
