package com.penguinmails.workflows.definition;

import com.penguinmails.core.events.EventType;
import java.time.Duration;
import java.time.ZoneId;

/** What starts a run of a workflow. */
public sealed interface Trigger {

    String wireName();

    /** A platform event of {@code eventType}; {@code campaignId}, when set, only that campaign's. */
    record Event(EventType eventType, String campaignId) implements Trigger {
        public String wireName() {
            return "event";
        }
    }

    /**
     * A roll-up metric crossing {@code threshold} over the last {@code window}, per {@code groupBy} (campaign, domain,
     * ip, mailbox), once at least {@code minimumVolume} of its denominator was counted.
     */
    record Metric(String metric, double threshold, Duration window, String groupBy, long minimumVolume) implements Trigger {
        public String wireName() {
            return "metric";
        }
    }

    /** A Unix cron expression in a time zone ({@code 0 9 * * MON}: Mondays at 09:00). */
    record Schedule(String cron, ZoneId zone) implements Trigger {
        public String wireName() {
            return "schedule";
        }
    }

    /** Only {@code POST /v1/workflows/{id}/runs}. */
    record Manual() implements Trigger {
        public String wireName() {
            return "manual";
        }
    }
}
