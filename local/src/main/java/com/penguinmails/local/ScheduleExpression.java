package com.penguinmails.local;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, {@code rate(...)} or {@code cron(...)}, evaluated in UTC as EventBridge
 * rules are. Parsing is as strict as EventBridge's, so a typo in the catalog fails locally, not at deploy.
 */
sealed interface ScheduleExpression {

    /** The first occurrence strictly after {@code previous}, the last one that fired (or the schedule's start). */
    Instant next(Instant previous);

    /** The first occurrence strictly after {@code now}, continuing the series that {@code previous} belongs to. */
    Instant firstAfter(Instant previous, Instant now);

    static ScheduleExpression parse(String expression) {
        String trimmed = expression.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return Rate.parse(trimmed.substring(5, trimmed.length() - 1));
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return new CronSchedule(trimmed.substring(5, trimmed.length() - 1));
        }
        throw new IllegalArgumentException("not an EventBridge schedule expression: " + expression);
    }

    /** {@code rate(N unit)}: every N minutes, hours or days, counted from when the schedule was created. */
    record Rate(Duration period) implements ScheduleExpression {

        private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]*) (minute|minutes|hour|hours|day|days)");

        static Rate parse(String body) {
            Matcher m = SYNTAX.matcher(body.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("rate(" + body + ") is not rate(N minute[s]|hour[s]|day[s])");
            }
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2);
            // EventBridge insists on "1 day" but "2 days"; mirror it so the catalog deploys as it runs locally.
            if ((value == 1) == unit.endsWith("s")) {
                throw new IllegalArgumentException("rate(" + body + "): EventBridge wants the singular unit for 1"
                        + " and the plural otherwise");
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(period);
        }

        @Override
        public Instant next(Instant previous) {
            return previous.plus(period);
        }

        @Override
        public Instant firstAfter(Instant previous, Instant now) {
            if (now.isBefore(previous)) {
                return next(previous);
            }
            long periodsPassed = Duration.between(previous, now).toMillis() / period.toMillis();
            return previous.plus(period.multipliedBy(periodsPassed + 1));
        }
    }

    /**
     * {@code cron(minutes hours day-of-month month day-of-week year)}: Quartz-like without seconds, one of the
     * two day fields must be {@code ?}, days of week are 1-7 from Sunday or SUN-SAT, and L, W and # work.
     */
    final class CronSchedule implements ScheduleExpression {

        private static final CronDefinition EVENTBRIDGE = CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).and()
                .withHours().withValidRange(0, 23).and()
                .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW()
                .supportsQuestionMark().and()
                .withMonth().withValidRange(1, 12).and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsHash().supportsL()
                .supportsQuestionMark().and()
                .withYear().withValidRange(1970, 2199).and()
                .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
                .instance();
        private static final CronParser PARSER = new CronParser(EVENTBRIDGE);

        private final String fields;
        private final ExecutionTime executionTime;

        CronSchedule(String fields) {
            this.fields = fields.trim();
            Cron cron;
            try {
                cron = PARSER.parse(this.fields.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron(" + fields + ") is not an EventBridge cron expression: "
                        + e.getMessage(), e);
            }
            this.executionTime = ExecutionTime.forCron(cron);
        }

        @Override
        public Instant next(Instant previous) {
            return executionTime.nextExecution(ZonedDateTime.ofInstant(previous, ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
        }

        @Override
        public Instant firstAfter(Instant previous, Instant now) {
            return next(now.isAfter(previous) ? now : previous);
        }

        @Override
        public String toString() {
            return "cron(" + fields + ")";
        }
    }
}
