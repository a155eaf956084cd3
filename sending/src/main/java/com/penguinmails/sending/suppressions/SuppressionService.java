package com.penguinmails.sending.suppressions;

import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The do-not-mail list. Hard bounces, complaints and unsubscribes suppress at workspace scope at once; soft
 * bounces only after {@link #SOFT_BOUNCES_BEFORE_SUPPRESSION} of them (they are usually a full mailbox or throttling).
 */
public final class SuppressionService {

    public static final int SOFT_BOUNCES_BEFORE_SUPPRESSION = 3;
    public static final int MAX_IMPORT_ROWS = 10_000;
    /** How long the record of additions keeps each one (the table's TTL may take days more to remove it). */
    static final Duration ADDITIONS_KEPT = Duration.ofDays(1);
    /**
     * How long before its acceptance a suppression may have been added and still be missed by the accept's check:
     * the suppression's time is read before it is written, and no function that adds suppressions runs longer than
     * 60 s (the catalog's timeoutSeconds), so its write lands within 60 s of its time; the rest is for clock skew.
     */
    static final Duration ACCEPT_MARGIN = Duration.ofMinutes(2);
    /** Messages accepted longer ago than this get the full check: the record is trusted only well inside what it keeps. */
    static final Duration ADDITIONS_TRUSTED_FOR = ADDITIONS_KEPT.minusHours(1);

    private final SuppressionStore store;
    private final AuditRecorder audit;
    private final Clock clock;
    private final PlatformEventPublisher events;
    private final String eventSource;
    private final RecentAdditions recent;

    public SuppressionService(SuppressionStore store, AuditRecorder audit, Clock clock) {
        this(store, audit, clock, PlatformEventPublisher.NONE, PlatformEvents.source("suppressions-api"));
    }

    /**
     * With {@code events}, where an address added through the API ({@link #add}) is published as
     * {@code suppression.added} once stored, from the stored suppression, as {@code eventSource}; a repeated add
     * that finds it stored publishes the same event again. Suppressions that delivery events make are event ingest's
     * to publish.
     */
    public SuppressionService(SuppressionStore store, AuditRecorder audit, Clock clock, PlatformEventPublisher events, String eventSource) {
        this.events = events;
        this.eventSource = eventSource;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.recent = new RecentAdditions(store, clock);
    }

    /** The suppression that stops a send to {@code email} in {@code campaignId} (null: none), if any. */
    public Optional<Suppression> blocking(String workspaceId, String email, String campaignId) {
        String campaignScope = campaignId == null ? null : Suppression.campaignScope(campaignId);
        return store.find(workspaceId, normalise(email)).stream()
                .filter(s -> Suppression.WORKSPACE_SCOPE.equals(s.scope()) || s.scope().equals(campaignScope))
                .findFirst();
    }

    /**
     * {@link #blocking} for the addresses of one submission: the suppression that stops each address that has one, by
     * its normalised address. One lookup for all of them ({@link SuppressionStore#findAll}), not one per address.
     */
    public Map<String, Suppression> blockingAll(String workspaceId, Collection<String> emails, String campaignId) {
        String campaignScope = campaignId == null ? null : Suppression.campaignScope(campaignId);
        Map<String, Suppression> blocked = new HashMap<>();
        store.findAll(workspaceId, emails.stream().map(SuppressionService::normalise).distinct().toList()).forEach((address, found) ->
                found.stream().filter(s -> Suppression.WORKSPACE_SCOPE.equals(s.scope()) || s.scope().equals(campaignScope))
                        .findFirst().ifPresent(s -> blocked.put(address, s)));
        return blocked;
    }

    /**
     * {@link #blocking} for a message accepted at {@code acceptedAt}, most often without a query of its own. The
     * accept checked every suppression there was then, so only one added since (less {@link #ACCEPT_MARGIN}) can
     * stop the send now: the record of additions, read once per workspace and a few seconds per container, tells
     * whether one names this address at a scope that applies, and only then does {@link #blocking} look (the record
     * may name one that is gone, or was never stored). A message with no acceptance time, one accepted longer ago than
     * the record is trusted for, or a workspace that added too many of late to read at once, gets {@link #blocking}.
     */
    public Optional<Suppression> blockingAtSend(String workspaceId, String email, String campaignId, Instant acceptedAt) {
        if (acceptedAt == null) {
            return blocking(workspaceId, email, campaignId);
        }
        Instant since = acceptedAt.minus(ACCEPT_MARGIN);
        if (since.isBefore(clock.instant().minus(ADDITIONS_TRUSTED_FOR))) {
            return blocking(workspaceId, email, campaignId);
        }
        Optional<Set<String>> added = recent.since(workspaceId, since);
        if (added.isEmpty()) {
            return blocking(workspaceId, email, campaignId);
        }
        String address = normalise(email);
        boolean named = added.get().contains(address + "|" + Suppression.WORKSPACE_SCOPE)
                || campaignId != null && added.get().contains(address + "|" + Suppression.campaignScope(campaignId));
        return named ? blocking(workspaceId, email, campaignId) : Optional.empty();
    }

    public Suppression add(Caller caller, String email, String scope, Suppression.Reason reason, String source) {
        String address = requireEmail(email);
        String validScope = scope == null || scope.isBlank() ? Suppression.WORKSPACE_SCOPE : scope;
        requireScope(validScope);
        Suppression suppression = new Suppression(caller.principal().workspaceId(), address, validScope,
                reason == null ? Suppression.Reason.MANUAL : reason, source, clock.instant());
        if (store(suppression)) {
            audit.success(caller, "suppression.added", address, Map.of("scope", validScope, "reason", suppression.reason().name()));
        }
        String scopeAdded = validScope;
        // Ours to publish when this add (or an earlier try of it) stored it; one a delivery event made is ingest's.
        store.find(suppression.workspaceId(), address).stream()
                .filter(s -> s.scope().equals(scopeAdded) && java.util.Objects.equals(s.source(), source)).findFirst()
                .ifPresent(stored -> events.publish(SuppressionEvents.added(stored, eventSource)));
        return suppression;
    }

    /** Records what a delivery event implies; returns the suppression it created, if it created one. */
    public Optional<Suppression> recordEvent(String workspaceId, String email, Suppression.Reason reason, String source) {
        String address = normalise(email);
        if (reason == Suppression.Reason.REPEATED_SOFT_BOUNCE
                && store.countSoftBounce(workspaceId, address) < SOFT_BOUNCES_BEFORE_SUPPRESSION) {
            return Optional.empty();
        }
        Suppression suppression = new Suppression(workspaceId, address, Suppression.WORKSPACE_SCOPE, reason, source, clock.instant());
        if (!store(suppression)) {
            return Optional.empty();
        }
        audit.record(workspaceId, "system:" + source, "suppression.added", address, null, "success", Map.of("reason", reason.name()));
        return Optional.of(suppression);
    }

    public void remove(Caller caller, String email, String scope) {
        String validScope = scope == null || scope.isBlank() ? Suppression.WORKSPACE_SCOPE : scope;
        requireScope(validScope);
        if (!store.remove(caller.principal().workspaceId(), normalise(email), validScope)) {
            throw ApiProblem.notFound("No suppression for " + email + " at scope " + validScope + ".");
        }
        audit.success(caller, "suppression.removed", normalise(email), Map.of("scope", validScope));
    }

    /**
     * Whether a page of {@link #list} can have ended at {@code position}: the store's sort key, an address followed by
     * {@code |<scope>} for a suppression or by {@code #} and a name for the store's own counters.
     */
    public static boolean isListPosition(String position) {
        if (position == null) {
            return false;
        }
        int bar = position.lastIndexOf('|');
        if (bar > 0) {
            return EmailAddresses.isValid(position.substring(0, bar)) && Suppression.isScope(position.substring(bar + 1));
        }
        int hash = position.lastIndexOf('#');
        return hash > 0 && EmailAddresses.isValid(position.substring(0, hash)) && position.substring(hash + 1).matches("[a-z-]{1,32}");
    }

    public Page<Suppression> list(String workspaceId, String afterPosition, int limit) {
        return store.list(workspaceId, afterPosition, limit);
    }

    /** A CSV import: one address per line, optional header {@code email[,reason]}; bad rows are reported, good rows kept. */
    public ImportResult importCsv(Caller caller, String csv) {
        List<String> lines = csv == null ? List.of() : csv.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() > MAX_IMPORT_ROWS + 1) {
            throw new ApiProblem(413, "payload-too-large", "Content Too Large", "An import holds at most " + MAX_IMPORT_ROWS + " rows.");
        }
        int imported = 0;
        List<ImportResult.RowError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            String email = cells[0].strip().replace("\"", "");
            if (i == 0 && email.equalsIgnoreCase("email")) {
                continue;
            }
            try {
                Suppression.Reason reason = cells.length > 1 && !cells[1].isBlank()
                        ? Suppression.Reason.valueOf(cells[1].strip().replace("\"", "").toUpperCase(Locale.ROOT).replace('-', '_'))
                        : Suppression.Reason.MANUAL;
                String address = requireEmail(email);
                if (store(new Suppression(caller.principal().workspaceId(), address, Suppression.WORKSPACE_SCOPE, reason, "csv-import", clock.instant()))) {
                    imported++;
                }
            } catch (ApiProblem | IllegalArgumentException e) {
                errors.add(new ImportResult.RowError(i + 1, email, e instanceof ApiProblem p ? p.detail()
                        : "unknown reason; use hard_bounce, complaint, unsubscribe, manual"));
            }
        }
        audit.success(caller, "suppression.imported", null, Map.of("imported", Integer.toString(imported), "rejected", Integer.toString(errors.size())));
        return new ImportResult(imported, errors);
    }

    public record ImportResult(int imported, List<RowError> errors) {
        public record RowError(int line, String value, String problem) {}
    }

    /**
     * Every suppression is stored through here: first noted in the record of additions that {@link #blockingAtSend}
     * trusts, then stored. That order means a writer stopping between the two leaves a record entry without a
     * suppression (which the full check behind a hit sees through), never a suppression the record misses; a
     * repeated add that finds the suppression stored notes it again, which is as harmless.
     */
    private boolean store(Suppression suppression) {
        store.recordAddition(suppression, suppression.createdAt().plus(ADDITIONS_KEPT));
        boolean added = store.add(suppression);
        recent.forget(suppression.workspaceId());
        return added;
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static void requireScope(String scope) {
        if (!Suppression.isScope(scope)) {
            throw ApiProblem.invalidField("scope", "scope must be 'workspace' or 'campaign:<campaignId>'.");
        }
    }

    private static String requireEmail(String email) {
        String address = normalise(email);
        if (address == null || !EmailAddresses.isValid(address)) {
            throw ApiProblem.invalidField("email", "'" + email + "' is not an email address.");
        }
        return address;
    }
}
