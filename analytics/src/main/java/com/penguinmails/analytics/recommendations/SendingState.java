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

    /** Each IP and mailbox with a cap, with its use on {@code today} and the days before it (UTC), newest first. */
    List<CapUsage> capUsage(String workspaceId, LocalDate today, int days);

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
