package com.penguinmails.workflows.definition;

import com.penguinmails.core.events.EventType;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
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
        static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        public String wireName() {
            return "schedule";
        }

        /** The latest time at or before {@code now} the expression names, in its zone; empty if it never did. */
        public Optional<Instant> lastTimeAtOrBefore(Instant now) {
            ExecutionTime times = ExecutionTime.forCron(CRON.parse(cron));
            ZonedDateTime at = now.atZone(zone);
            if (times.isMatch(at.withNano(0)) && at.getSecond() == 0 && at.getNano() == 0) {
                return Optional.of(now);
            }
            return times.lastExecution(at).map(ZonedDateTime::toInstant);
        }
    }

    /** Only {@code POST /v1/workflows/{id}/runs}. */
    record Manual() implements Trigger {
        public String wireName() {
            return "manual";
        }
    }
}
