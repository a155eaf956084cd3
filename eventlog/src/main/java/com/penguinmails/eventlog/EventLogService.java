package com.penguinmails.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workspace's event log, the first consumer of platform events users see: each event is recorded once, kept for
 * the workspace's retention (counted from the event's own time, enforced by the store's TTL) and listed newest first.
 */
public final class EventLogService {

    /** What became of an event handed to {@link #record}. */
    public enum Outcome { RECORDED, ALREADY_RECORDED, PAST_RETENTION }

    static final int MAX_ID_LENGTH = 200;
    /** Sort keys hold the time as 13 digits of epoch millis. */
    private static final Instant LAST_STORABLE = Instant.ofEpochMilli(9_999_999_999_999L);
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
     * Records an event once: a redelivered message, or the same event published again (producers give a retried
     * state change the same id and time), is {@link Outcome#ALREADY_RECORDED}. An event whose retention ended before
     * it arrived is not written, since no one could list it. An envelope the log cannot keep throws.
     */
    public Outcome record(PlatformEvent event) {
        requireStorable(event);
        Instant expiresAt = event.time().plus(Duration.ofDays(retentionDays(event.workspaceId())));
        if (!expiresAt.isAfter(clock.instant())) {
            return Outcome.PAST_RETENTION;
        }
        return store.append(event, expiresAt) ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
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
