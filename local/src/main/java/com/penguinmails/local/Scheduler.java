package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedule-triggered functions like EventBridge rules, on the movable clock. A tick every second fires
 * whatever is due; moving the clock fires every occurrence it skipped over, oldest first, as a real deployment
 * left running that long would have. Firing is serialized so each occurrence runs exactly once.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** Moving a rate(1 minute) clock by a year would otherwise mean half a million invocations. */
    static final int MAX_CATCH_UP = 100;

    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final MovableClock clock;
    private final String region;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pm-local-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    Scheduler(List<LocalFunction> functions, MovableClock clock, String region) {
        this.clock = clock;
        this.region = region;
        // EventBridge counts rates from the rule's creation, to the minute; starting here is that creation.
        Instant created = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (LocalFunction function : functions) {
            ScheduleExpression expression = ScheduleExpression.parse(function.spec().trigger().schedule().expression());
            schedules.put(function.name(), new Schedule(function, expression, expression.next(created)));
        }
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Moves the clock and fires what became due, atomically, so the answer lists exactly what the move fired. */
    synchronized List<Occurrence> advance(Duration amount) {
        clock.advance(amount);
        return fireDue();
    }

    /** Invokes the schedule's function now, outside its series; empty if there is no such schedule. */
    Optional<Occurrence> runNow(String name) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            return Optional.empty();
        }
        Occurrence occurrence = new Occurrence(name, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        schedule.function.invoke(event(occurrence));
        return Optional.of(occurrence);
    }

    /** Every schedule with its expression and when it is next due on the platform clock, in catalog order. */
    List<Upcoming> upcoming() {
        return schedules.values().stream()
                .map(s -> new Upcoming(s.function.name(), s.function.spec().trigger().schedule().expression(), s.next))
                .toList();
    }

    private void tick() {
        try {
            synchronized (this) {
                fireDue();
            }
        } catch (RuntimeException | Error e) {
            // An exception would cancel the periodic task and silently stop every schedule.
            LOG.error("scheduler tick failed", e);
        }
    }

    private List<Occurrence> fireDue() {
        Instant now = clock.instant();
        List<Occurrence> fired = new ArrayList<>();
        for (Schedule schedule : schedules.values()) {
            int count = 0;
            while (!schedule.next.isAfter(now) && count < MAX_CATCH_UP) {
                Occurrence occurrence = new Occurrence(schedule.function.name(), schedule.next);
                invokeLogged(schedule, occurrence);
                fired.add(occurrence);
                schedule.next = schedule.expression.next(schedule.next);
                count++;
            }
            if (!schedule.next.isAfter(now)) {
                Instant resumeAt = schedule.expression.firstAfter(schedule.next, now);
                LOG.warn("{}: fired the first {} missed occurrences and skipped the rest up to {}",
                        schedule.function.name(), MAX_CATCH_UP, resumeAt);
                schedule.next = resumeAt;
            }
        }
        return fired;
    }

    // EventBridge retries a failed asynchronous invocation and moves on; locally a log line is enough.
    private void invokeLogged(Schedule schedule, Occurrence occurrence) {
        try {
            schedule.function.invoke(event(occurrence));
        } catch (RuntimeException | Error e) {
            LOG.error("{} failed for its occurrence at {}", occurrence.schedule(), occurrence.time(), e);
        }
    }

    private ScheduledEvent event(Occurrence occurrence) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString()); // an id, as EventBridge makes one: random, never pinned
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalResourceNames.ACCOUNT_ID);
        event.setTime(new DateTime(occurrence.time().toEpochMilli(), DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of("arn:aws:events:" + region + ":" + LocalResourceNames.ACCOUNT_ID + ":rule/"
                + LocalResourceNames.physicalName(occurrence.schedule())));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        // Let a running invocation finish; interrupting it would fail it for a reason it never sees in AWS.
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a scheduled invocation is still running; not waiting for it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One firing of a schedule: its name (the function's) and the time it was due. */
    record Occurrence(String schedule, Instant time) {}

    /** A schedule's next firing: its name (the function's), its EventBridge expression and the time it is due. */
    record Upcoming(String schedule, String expression, Instant nextRun) {}

    /** A schedule's state: which function it runs, its expression, and when it is next due. */
    private static final class Schedule {
        final LocalFunction function;
        final ScheduleExpression expression;
        // Written under the scheduler's lock; volatile so a listing need not wait for a running invocation.
        volatile Instant next;

        Schedule(LocalFunction function, ScheduleExpression expression, Instant next) {
            this.function = function;
            this.expression = expression;
            this.next = next;
        }
    }
}
