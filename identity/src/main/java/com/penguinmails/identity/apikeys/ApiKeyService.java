package com.penguinmails.identity.apikeys;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.auth.Scopes;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.core.events.ApiKeyEventData;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.auth.Scopes;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * API key lifecycle: create, list, rotate with a grace period, revoke and expire. ({@link ApiKeyAuthenticator}
 * checks presented secrets.)
 * Every change is audited, and so is every refusal. A key acts only on keys no broader than itself: it may create,
 * rotate (which hands out the new secret) or revoke a key only if it holds every scope that key holds, so
 * {@code api-keys:manage} alone can never reach a {@code full} key.
 * Without transactions, writes are ordered so a crash in between leaves nothing usable behind: the secret index
 * is written before the key, and a key is only usable once both exist.
 */
public final class ApiKeyService {

    public static final int MAX_ACTIVE_KEYS = 100;
    public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 100;
    public static final int MAX_RATE_LIMIT_PER_SECOND = 10_000;
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

    private final ApiKeyStore store;
    private final KeySlots workspaces;
    private final AuditRecorder audit;
    private final Clock clock;
    private final PlatformEventPublisher events;
    private final String eventSource;
    private final KeyHolders holders;

    public ApiKeyService(ApiKeyStore store, KeySlots workspaces, AuditRecorder audit, Clock clock) {
        this(store, workspaces, audit, clock, PlatformEventPublisher.NONE, PlatformEvents.source("api-keys-api"));
    }

    /**
     * With {@code events}, where {@code api-key.created}, {@code api-key.rotated} and {@code api-key.revoked} are
     * published once the key is stored, from the stored key (ids from the key and the change's stored time), as
     * {@code eventSource}. A repeated revoke that finds the key revoked publishes the same event again; a create or a
     * rotate that stopped before it published is not published later (a retry makes a new key or a new secret).
     */
    public ApiKeyService(ApiKeyStore store, KeySlots workspaces, AuditRecorder audit, Clock clock, PlatformEventPublisher events,
                         String eventSource) {
        this(store, workspaces, audit, clock, events, eventSource, KeyHolders.NONE);
    }

    /** With {@code holders}: a key acts for the member who made it, and never on the keys of a member who outranks them. */
    public ApiKeyService(ApiKeyStore store, KeySlots workspaces, AuditRecorder audit, Clock clock, PlatformEventPublisher events,
                         String eventSource, KeyHolders holders) {
        this.holders = holders;
        this.events = events;
        this.eventSource = eventSource;
        this.store = store;
        this.workspaces = workspaces;
        this.audit = audit;
        this.clock = clock;
    }

    public IssuedApiKey create(Caller caller, NewApiKey request) {
        Principal creator = caller.principal();
        String name = requireName(request.name());
        List<String> scopes = validScopes(request.scopes());
        requireHolds(caller, scopes, "api-key.create", null, "A key cannot grant more than its creator holds");
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiProblem.invalidField("expiresAt", "expiresAt must be in the future; it was " + request.expiresAt() + ".");
        }
        int rateLimit = rateLimit(request.rateLimitPerSecond());
        // A key made through a member's key is that member's too: it acts as them and goes when they go.
        String createdBy = creator.memberId() != null ? ApiKey.MEMBER_ACTOR + creator.memberId() : creator.actor();
        IssuedApiKey issued = issue(creator.workspaceId(), name, scopes, createdBy, request.expiresAt(), rateLimit);
        audit.success(caller, "api-key.created", issued.key().id(), Map.of("scopes", String.join(" ", scopes)));
        publishCreated(issued.key());
        return issued;
    }

    /** The owner's first key, made with a new workspace: full access. */
    public IssuedApiKey createOwnerKey(String workspaceId, String ownerActor) {
        IssuedApiKey issued = issue(workspaceId, "Owner key", List.of(Scopes.FULL), ownerActor, null, DEFAULT_RATE_LIMIT_PER_SECOND);
        publishCreated(issued.key());
        return issued;
    }

    private void publishCreated(ApiKey key) {
        events.publish(event(EventType.API_KEY_CREATED, key, key.createdAt(),
                new ApiKeyEventData(key.id(), key.name(), key.scopes(), key.expiresAt(), key.createdBy(), null)));
    }

    /** An event about a key; its id names the key and the change's stored time. */
    private PlatformEvent event(EventType type, ApiKey key, Instant at, ApiKeyEventData data) {
        Instant time = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return PlatformEvent.builder(type).id(PlatformEvent.idFor(type.wireName(), key.workspaceId(), key.id(), time.toString()))
                .source(eventSource).time(time).subject(key.id()).workspaceId(key.workspaceId())
                .correlationId(PlatformEvents.currentCorrelationId()).data(PlatformEvents.data(data)).build();
    }

    public Page<ApiKey> list(Principal caller, String afterKeyId, int limit) {
        Instant now = clock.instant();
        Page<ApiKey> page = store.list(caller.workspaceId(), afterKeyId, limit);
        return new Page<>(page.items().stream().map(k -> withEffectiveStatus(k, now)).toList(), page.nextCursor());
    }

    public ApiKey get(Principal caller, String keyId) {
        return withEffectiveStatus(find(caller, keyId), clock.instant());
    }

    public IssuedApiKey rotate(Caller caller, String keyId, long gracePeriodSeconds) {
        if (gracePeriodSeconds < 0 || gracePeriodSeconds > MAX_GRACE_PERIOD.toSeconds()) {
            throw ApiProblem.invalidField("gracePeriodSeconds",
                    "gracePeriodSeconds must be from 0 to " + MAX_GRACE_PERIOD.toSeconds() + " (7 days).");
        }
        ApiKey key = find(caller.principal(), keyId);
        requireHolds(caller, key.scopes(), "api-key.rotate", key.id(), "A key can rotate only keys whose scopes it holds itself");
        requireOutranks(caller, key, "api-key.rotate");
        Instant now = clock.instant();
        requireActive(key, now);
        String secret = ApiKeySecrets.newSecret();
        String hash = ApiKeySecrets.hash(secret);
        store.putSecret(hash, key.workspaceId(), key.id());
        ApiKey rotated = new ApiKey(key.id(), key.workspaceId(), key.name(), ApiKeySecrets.displayPrefix(secret), hash,
                key.scopes(), key.status(), key.createdBy(), key.createdAt(), key.lastUsedAt(), key.expiresAt(),
                key.rateLimitPerSecond(), now, null);
        if (!store.replaceIfStatus(rotated, ApiKey.Status.ACTIVE)) {
            throw ApiProblem.conflict("api-key-not-active", "The API key " + keyId + " was revoked while rotating it.");
        }
        // The old secret keeps working until the grace period ends; the secret index enforces that.
        store.expireSecret(key.secretHash(), now.plusSeconds(gracePeriodSeconds));
        audit.success(caller, "api-key.rotated", key.id(), Map.of("gracePeriodSeconds", Long.toString(gracePeriodSeconds)));
        events.publish(event(EventType.API_KEY_ROTATED, rotated, now,
                new ApiKeyEventData(key.id(), key.name(), null, null, null, now.plusSeconds(gracePeriodSeconds))));
        return new IssuedApiKey(rotated, secret);
    }

    public ApiKey revoke(Caller caller, String keyId) {
        ApiKey key = find(caller.principal(), keyId);
        requireHolds(caller, key.scopes(), "api-key.revoke", key.id(), "A key can revoke only keys whose scopes it holds itself");
        requireOutranks(caller, key, "api-key.revoke");
        Instant now = clock.instant();
        if (key.status() == ApiKey.Status.REVOKED) {
            publishRevoked(key); // the revoke that made it may have stopped before it published
            return key;
        }
        ApiKey revoked = withStatus(key, ApiKey.Status.REVOKED, now);
        if (store.replaceIfStatus(revoked, key.status())) {
            if (key.status() == ApiKey.Status.ACTIVE) {
                workspaces.releaseKeySlot(key.workspaceId());
            }
            audit.success(caller, "api-key.revoked", key.id(), Map.of());
            publishRevoked(revoked);
            return revoked;
        }
        ApiKey current = find(caller.principal(), keyId);
        if (current.status() == ApiKey.Status.REVOKED) {
            publishRevoked(current);
        }
        return current;
    }

    private void publishRevoked(ApiKey key) {
        if (key.revokedAt() != null) {
            events.publish(event(EventType.API_KEY_REVOKED, key, key.revokedAt(), new ApiKeyEventData(key.id(), key.name(), null, null, null, null)));
        }
    }

    /** Marks one key past its expiry as expired; false if it changed meanwhile. Used by the expiry sweeper. */
    public boolean expire(ApiKey key) {
        ApiKey expired = withStatus(key, ApiKey.Status.EXPIRED, null);
        if (!store.replaceIfStatus(expired, ApiKey.Status.ACTIVE)) {
            return false;
        }
        workspaces.releaseKeySlot(key.workspaceId());
        audit.record(key.workspaceId(), "system:api-key-expiry-sweeper", "api-key.expired", key.id(), null, "success", Map.of());
        return true;
    }

    public Page<ApiKey> findExpired(String afterPosition, int pageSize) {
        return store.scanExpired(clock.instant(), afterPosition, pageSize);
    }

    private IssuedApiKey issue(String workspaceId, String name, List<String> scopes, String createdBy, Instant expiresAt,
                               int rateLimit) {
        if (!workspaces.reserveKeySlot(workspaceId, MAX_ACTIVE_KEYS)) {
            throw ApiProblem.conflict("api-key-limit-reached", "A workspace can have at most " + MAX_ACTIVE_KEYS
                    + " active API keys. Revoke one you no longer use, then try again.");
        }
        try {
            String secret = ApiKeySecrets.newSecret();
            String hash = ApiKeySecrets.hash(secret);
            ApiKey key = new ApiKey(Ids.newId("key"), workspaceId, name, ApiKeySecrets.displayPrefix(secret), hash, scopes,
                    ApiKey.Status.ACTIVE, createdBy, clock.instant(), null, expiresAt, rateLimit, null, null);
            store.putSecret(hash, workspaceId, key.id());
            store.create(key);
            return new IssuedApiKey(key, secret);
        } catch (RuntimeException e) {
            workspaces.releaseKeySlot(workspaceId);
            throw e;
        }
    }

    private ApiKey find(Principal caller, String keyId) {
        // Keys are looked up inside the caller's workspace only: another workspace's key is simply not found.
        return store.find(caller.workspaceId(), keyId)
                .orElseThrow(() -> ApiProblem.notFound("No API key " + keyId + " in this workspace."));
    }

    /**
     * Refuses (403, audited as {@code auth.forbidden}) when the caller lacks any of {@code scopes}: the scopes of the
     * key it creates or acts on. The route's own scope only says the caller may manage keys at all; this says which.
     * A {@code full} key holds everything in its workspace, and a key acting on itself holds its own scopes.
     */
    private void requireHolds(Caller caller, List<String> scopes, String attempted, String targetKeyId, String rule) {
        List<String> missing = scopes.stream().filter(scope -> !caller.principal().allows(scope)).toList();
        if (missing.isEmpty()) {
            return;
        }
        audit.failure(caller, "auth.forbidden", targetKeyId,
                "missing-scope:" + String.join(" ", missing), Map.of("attempted", attempted));
        throw new ApiProblem(403, "forbidden", "Forbidden", rule + "; this key lacks " + missing + ".",
                Map.of("missingScopes", missing), Map.of());
    }

    /** Refuses (403, audited) when the key belongs to a member whose role ranks above the caller's member. */
    private void requireOutranks(Caller caller, ApiKey key, String attempted) {
        String actor = caller.principal().memberId();
        String target = key.memberId();
        if (actor == null || target == null || actor.equals(target) || holders.mayActOn(key.workspaceId(), actor, target)) {
            return;
        }
        audit.failure(caller, "auth.forbidden", key.id(), "outranked", Map.of("attempted", attempted));
        throw new ApiProblem(403, "forbidden", "Forbidden", "This key belongs to a member whose role ranks above yours.");
    }

    /**
     * Revokes every active key the member made, as their removal does: the authorizer already refuses them (the
     * member is gone), this makes it visible on each key and frees their slots. Answers how many were revoked.
     */
    public int revokeAllOf(Caller caller, String memberId) {
        int revoked = 0;
        String after = null;
        do {
            Page<ApiKey> page = store.list(caller.principal().workspaceId(), after, 100);
            for (ApiKey key : page.items()) {
                if (memberId.equals(key.memberId()) && key.status() == ApiKey.Status.ACTIVE) {
                    ApiKey done = withStatus(key, ApiKey.Status.REVOKED, clock.instant());
                    if (store.replaceIfStatus(done, ApiKey.Status.ACTIVE)) {
                        workspaces.releaseKeySlot(key.workspaceId());
                        audit.success(caller, "api-key.revoked", key.id(), Map.of("reason", "member-removed"));
                        publishRevoked(done);
                        revoked++;
                    }
                }
            }
            after = page.nextCursor();
        } while (after != null);
        return revoked;
    }

    /** A member's first key, issued when they accept their invitation; the authorizer caps its scopes by their role. */
    public IssuedApiKey createMemberKey(String workspaceId, String memberId, List<String> scopes) {
        IssuedApiKey issued = issue(workspaceId, "First key", scopes, ApiKey.MEMBER_ACTOR + memberId, null, DEFAULT_RATE_LIMIT_PER_SECOND);
        publishCreated(issued.key());
        return issued;
    }

    private static void requireActive(ApiKey key, Instant now) {
        ApiKey.Status status = key.effectiveStatus(now);
        if (status != ApiKey.Status.ACTIVE) {
            throw ApiProblem.conflict("api-key-not-active", "The API key " + key.id() + " is " + status.name().toLowerCase()
                    + " and cannot be rotated.");
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiProblem.invalidField("name", "name is required: a label that says what the key is for.");
        }
        if (name.length() > 100) {
            throw ApiProblem.invalidField("name", "name must be at most 100 characters.");
        }
        return name.strip();
    }

    private static List<String> validScopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiProblem.invalidField("scopes", "scopes is required, e.g. [\"messages:send\"]. Valid scopes: "
                    + String.join(", ", Scopes.GRANTABLE));
        }
        List<String> unknown = requested.stream().filter(s -> s == null || !Scopes.isGrantable(s)).map(String::valueOf).toList();
        if (!unknown.isEmpty()) {
            throw ApiProblem.unknownScopes(unknown, Scopes.GRANTABLE);
        }
        return new ArrayList<>(new LinkedHashSet<>(requested));
    }

    private static int rateLimit(Integer requested) {
        if (requested == null) {
            return DEFAULT_RATE_LIMIT_PER_SECOND;
        }
        if (requested < 1 || requested > MAX_RATE_LIMIT_PER_SECOND) {
            throw ApiProblem.invalidField("rateLimitPerSecond", "rateLimitPerSecond must be from 1 to " + MAX_RATE_LIMIT_PER_SECOND + ".");
        }
        return requested;
    }

    private static ApiKey withEffectiveStatus(ApiKey key, Instant now) {
        ApiKey.Status effective = key.effectiveStatus(now);
        return effective == key.status() ? key : withStatus(key, effective, key.revokedAt());
    }

    private static ApiKey withStatus(ApiKey key, ApiKey.Status status, Instant revokedAt) {
        return new ApiKey(key.id(), key.workspaceId(), key.name(), key.secretPrefix(), key.secretHash(), key.scopes(),
                status, key.createdBy(), key.createdAt(), key.lastUsedAt(), key.expiresAt(), key.rateLimitPerSecond(),
                key.rotatedAt(), revokedAt);
    }
}
