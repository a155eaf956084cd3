package com.penguinmails.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.TimeOrderedKeys;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workspace's event log, the first consumer of platform events users see: each event is listed once, kept for
 * the workspace's retention (counted from the event's own time, enforced by the store's TTL) and listed newest first.
 */
public final class EventLogService {

    /** What became of an event handed to {@link #record}. */
    public enum Outcome { RECORDED, ALREADY_RECORDED, PAST_RETENTION }

    static final int MAX_ID_LENGTH = 200;
    /**
     * Sort keys hold the time as 13 digits of epoch millis, and a pack's key is a millisecond past its newest event,
     * so the last millisecond those digits hold is not an event's.
     */
    private static final Instant LAST_STORABLE = Instant.ofEpochMilli(9_999_999_999_998L);
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** A retention change reaches every writer within this; it is read once per workspace per minute at most. */
    private static final Duration RETENTION_CACHE_TTL = Duration.ofMinutes(1);
    private static final int RETENTION_CACHE_ENTRIES = 1_000;

    private record CachedDays(int days, Instant until) {}

    private final EventLogStore store;
    private final EventRetention retention;
    private final Clock clock;
    private final Map<String, CachedDays> retentionCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedDays> eldest) {
            return size() > RETENTION_CACHE_ENTRIES;
        }
    };

    public EventLogService(EventLogStore store, EventRetention retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * What became of a batch handed to {@link #recordAll}: events written now, found written already (a redelivered
     * batch, or the same event twice in it), past retention (not written, since no one could list them), and those
     * that could not be written, by event id, with why: their messages should come back.
     */
    public record BatchOutcome(int recorded, int alreadyRecorded, int pastRetention, Map<String, RuntimeException> failed) {
        public BatchOutcome {
            failed = Map.copyOf(failed);
        }
    }

    /**
     * Records an event once: a redelivered message, or the same event published again (producers give a retried
     * state change the same id and time), is {@link Outcome#ALREADY_RECORDED}. An event whose retention ended before
     * it arrived is not written, since no one could list it. An envelope the log cannot keep throws, and so does a
     * failed write.
     */
    public Outcome record(PlatformEvent event) {
        BatchOutcome outcome = recordAll(List.of(event));
        if (!outcome.failed().isEmpty()) {
            throw outcome.failed().values().iterator().next();
        }
        return outcome.recorded() == 1 ? Outcome.RECORDED
                : outcome.pastRetention() == 1 ? Outcome.PAST_RETENTION : Outcome.ALREADY_RECORDED;
    }

    /**
     * Records a batch of events (an SQS batch of the {@code event-log} queue), each once in a listing: the store packs
     * them, so a batch costs a few writes rather than one per event. An event the log cannot keep, or whose pack could
     * not be written, is in {@link BatchOutcome#failed}; the others are recorded all the same.
     */
    public BatchOutcome recordAll(List<PlatformEvent> events) {
        Instant now = clock.instant();
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        // The same event twice in one batch (published twice, or one message delivered twice) is packed once.
        Map<String, EventLogStore.Entry> entries = new LinkedHashMap<>();
        int alreadyRecorded = 0;
        int pastRetention = 0;
        for (PlatformEvent event : events) {
            try {
                requireStorable(event);
            } catch (IllegalArgumentException e) {
                failed.put(event.id(), e);
                continue;
            }
            Instant expiresAt = event.time().plus(Duration.ofDays(retentionDays(event.workspaceId())));
            if (!expiresAt.isAfter(now)) {
                pastRetention++;
            } else if (entries.putIfAbsent(event.workspaceId() + " " + TimeOrderedKeys.key(event.time(), event.id()),
                    new EventLogStore.Entry(event, expiresAt)) != null) {
                alreadyRecorded++;
            }
        }
        int recorded = 0;
        if (!entries.isEmpty()) {
            for (EventLogStore.PackWrite write : store.appendAll(List.copyOf(entries.values()))) {
                switch (write.state()) {
                    case WRITTEN -> recorded += write.events().size();
                    case ALREADY_THERE -> alreadyRecorded += write.events().size();
                    case FAILED -> write.events().forEach(event -> failed.put(event.id(), write.failure()));
                }
            }
        }
        return new BatchOutcome(recorded, alreadyRecorded, pastRetention, failed);
    }

    /** One page of the workspace's events, newest first; a 400 naming the field for a filter that cannot match. */
    public Page<PlatformEvent> list(EventQuery query) {
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw ApiProblem.invalidField("from", "from must not be after to.");
        }
        if (query.subject() != null && query.subject().length() > 256) {
            throw ApiProblem.invalidField("subject", "subject is a resource id of at most 256 characters, e.g. a message id.");
        }
        if (query.recipient() != null && query.recipient().length() > 320) {
            throw ApiProblem.invalidField("recipient", "recipient is an email address of at most 320 characters.");
        }
        if (query.campaignId() != null && !CAMPAIGN_ID.matcher(query.campaignId()).matches()) {
            throw ApiProblem.invalidField("campaignId", "campaignId is 1 to 100 letters, digits, '_', '.' or '-'.");
        }
        return store.query(query, clock.instant());
    }

    /** What the log matches {@code recipient} against: {@code data.recipient} (or a suppression's {@code data.email}), lower case. */
    public static String recipientOf(PlatformEvent event) {
        // Message events name the recipient; suppression events the address they suppress: both are "recipient" here.
        JsonNode recipient = event.data().has("recipient") ? event.data().get("recipient") : event.data().get("email");
        return recipient != null && recipient.isTextual() ? recipient.asText().toLowerCase(Locale.ROOT) : null;
    }

    /** What the log matches {@code campaignId} against: the event's {@code data.campaignId}. */
    public static String campaignIdOf(PlatformEvent event) {
        JsonNode campaignId = event.data().get("campaignId");
        return campaignId != null && campaignId.isTextual() ? campaignId.asText() : null;
    }

    private int retentionDays(String workspaceId) {
        Instant now = clock.instant();
        synchronized (retentionCache) {
            CachedDays cached = retentionCache.get(workspaceId);
            if (cached != null && now.isBefore(cached.until())) {
                return cached.days();
            }
        }
        int days = retention.days(workspaceId);
        synchronized (retentionCache) {
            retentionCache.put(workspaceId, new CachedDays(days, now.plus(RETENTION_CACHE_TTL)));
        }
        return days;
    }

    /** The id and time become the sort key (at most 1 KB, time as 13 digits), the workspace id the partition key. */
    private static void requireStorable(PlatformEvent event) {
        if (event.id().isEmpty() || event.id().length() > MAX_ID_LENGTH || !event.id().chars().allMatch(c -> c >= '!' && c <= '~')) {
            throw new IllegalArgumentException("event id must be 1 to " + MAX_ID_LENGTH + " printable ASCII characters: " + event.id());
        }
        if (event.time().isBefore(Instant.EPOCH) || event.time().isAfter(LAST_STORABLE)) {
            throw new IllegalArgumentException("event time must be from 1970 to 2286: " + event.time());
        }
        if (event.workspaceId().isBlank() || event.workspaceId().length() > 100) {
            throw new IllegalArgumentException("workspaceid must be 1 to 100 characters");
        }
    }
}
