package com.penguinmails.sending.ips;

import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.warmup.IpWarmupPlan;
import com.penguinmails.sending.warmup.WarmupEngine;
import com.penguinmails.sending.warmup.WarmupHealth;
import com.penguinmails.sending.warmup.WarmupPolicy;
import com.penguinmails.sending.warmup.WarmupResult;
import com.penguinmails.sending.warmup.WarmupState;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.warmup.IpWarmupPlan;
import com.penguinmails.sending.warmup.WarmupEngine;
import com.penguinmails.sending.warmup.WarmupEvents;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.sending.warmup.WarmupHealth;
import com.penguinmails.sending.warmup.WarmupPolicy;
import com.penguinmails.sending.warmup.WarmupResult;
import com.penguinmails.sending.warmup.WarmupState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Dedicated IPs and pools: registration with a warmup plan, today's cap, pause and resume, the daily warmup step,
 * and choosing which IP of a pool carries the next message (by weight, among IPs with cap left).
 */
public final class IpService {

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]*:[0-9a-fA-F:]*$");
    private static final int SAVE_RETRIES = 5;

    private final IpStore store;
    private final SendLedger ledger;
    private final AuditRecorder audit;
    private final Clock clock;
    private final WarmupPolicy policy;
    private final PoolProvisioner provisioner;
    private final RandomGenerator random;
    private final PlatformEventPublisher events;
    private final String eventSource;
    // Pools never change once created, so the sender reads each once per container instead of once per message.
    private final Map<String, IpPool> poolsForSending = new java.util.concurrent.ConcurrentHashMap<>();

    public IpService(IpStore store, SendLedger ledger, AuditRecorder audit, Clock clock, WarmupPolicy policy, PoolProvisioner provisioner) {
        this(store, ledger, audit, clock, policy, provisioner, new Random(), PlatformEventPublisher.NONE, PlatformEvents.source("ips-api"));
    }

    /** With the randomness of the weighted order in which a pool's IPs are tried (tests pin it). */
    public IpService(IpStore store, SendLedger ledger, AuditRecorder audit, Clock clock, WarmupPolicy policy, PoolProvisioner provisioner,
                     RandomGenerator random) {
        this(store, ledger, audit, clock, policy, provisioner, random, PlatformEventPublisher.NONE, PlatformEvents.source("ips-api"));
    }

    /**
     * With {@code events}, where a user's pause ({@code ip.paused}) and the daily step ({@code warmup.stepped}) are
     * published after they are stored, from the stored state, as {@code eventSource} (the function this runs in). A
     * repeated call that finds the change made (a retried pause, a second run of the day) publishes the same event
     * again. A pause at the pause line is event ingest's to publish.
     */
    public IpService(IpStore store, SendLedger ledger, AuditRecorder audit, Clock clock, WarmupPolicy policy, PoolProvisioner provisioner,
                     PlatformEventPublisher events, String eventSource) {
        this(store, ledger, audit, clock, policy, provisioner, new Random(), events, eventSource);
    }

    /** With both: the random source and where events go. */
    public IpService(IpStore store, SendLedger ledger, AuditRecorder audit, Clock clock, WarmupPolicy policy, PoolProvisioner provisioner,
                     RandomGenerator random, PlatformEventPublisher events, String eventSource) {
        this.random = random;
        this.events = events;
        this.eventSource = eventSource;
        this.store = store;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
        this.provisioner = provisioner;
    }

    public DedicatedIp createIp(Caller caller, String address, String planName, List<Long> customSteps) {
        if (address == null || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches() && isIpLiteral(address))) {
            throw ApiProblem.invalidField("address", "'" + address + "' is not an IPv4 or IPv6 address.");
        }
        IpWarmupPlan plan;
        try {
            plan = customSteps != null ? IpWarmupPlan.custom(customSteps) : IpWarmupPlan.named(planName == null ? IpWarmupPlan.STANDARD : planName);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(customSteps != null ? "warmupSteps" : "warmupPlan", e.getMessage());
        }
        DedicatedIp ip = new DedicatedIp(ResourceKind.IP.newId(), caller.principal().workspaceId(), address, plan,
                WarmupState.start(today()), clock.instant(), 1);
        store.createIp(ip);
        audit.success(caller, "ip.created", ip.id(), Map.of("address", address, "plan", plan.name()));
        return ip;
    }

    public IpPool createPool(Caller caller, String name, List<IpPool.Member> members) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw ApiProblem.invalidField("name", "name is required, at most 64 characters.");
        }
        if (members == null || members.isEmpty()) {
            throw ApiProblem.invalidField("ips", "A pool needs at least one IP: [{\"ipId\": \"ip_...\", \"weight\": 1}].");
        }
        Set<String> seen = new HashSet<>();
        List<DedicatedIp> poolIps = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            IpPool.Member member = members.get(i);
            if (member == null || !ResourceKind.IP.looksLike(member.ipId())) {
                throw ApiProblem.invalidField("ips[" + i + "].ipId", "Each entry is {\"ipId\": \"ip_...\", \"weight\": 1} with the id of an IP of this workspace.");
            }
            if (member.weight() < 1 || member.weight() > 100) {
                throw ApiProblem.invalidField("ips", "weights are whole numbers from 1 to 100.");
            }
            var ip = seen.add(member.ipId()) ? store.findIp(caller.principal().workspaceId(), member.ipId()) : java.util.Optional.<DedicatedIp>empty();
            if (ip.isEmpty()) {
                throw ApiProblem.invalidField("ips", "No IP " + member.ipId() + " in this workspace (or it is listed twice).");
            }
            poolIps.add(ip.get());
        }
        IpPool pool = new IpPool(ResourceKind.POOL.newId(), caller.principal().workspaceId(), name.strip(), members, clock.instant());
        provisioner.provision(pool, poolIps);
        store.createPool(pool);
        audit.success(caller, "ip-pool.created", pool.id(), Map.of("name", pool.name()));
        return pool;
    }

    public DedicatedIp getIp(String workspaceId, String ipId) {
        return store.findIp(workspaceId, ipId).orElseThrow(() -> ApiProblem.notFound("No IP " + ipId + " in this workspace."));
    }

    public IpPool getPool(String workspaceId, String poolId) {
        return store.findPool(workspaceId, poolId).orElseThrow(() -> ApiProblem.notFound("No IP pool " + poolId + " in this workspace."));
    }

    public List<DedicatedIp> listIps(String workspaceId) {
        return store.listIps(workspaceId);
    }

    public List<IpPool> listPools(String workspaceId) {
        return store.listPools(workspaceId);
    }

    /** Today's cap and how much of it is used. */
    public Usage usageToday(DedicatedIp ip) {
        LocalDate today = today();
        long used = ledger.history(ip.id(), today, today).stream().mapToLong(d -> d.counts().sent()).sum();
        return new Usage(WarmupEngine.dailyCap(ip.plan(), ip.warmup()), used);
    }

    public record Usage(long cap, long used) {}

    public DedicatedIp pause(Caller caller, String ipId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "Say why, e.g. {\"reason\": \"investigating a blocklisting\"}.");
        }
        DedicatedIp ip = change(caller.principal().workspaceId(), ipId, current -> WarmupEngine.pause(current.warmup(), reason, today(), clock.instant()));
        audit.success(caller, "ip.paused", ipId, Map.of("reason", reason));
        if (!ip.warmup().pauseReason().startsWith(WarmupEvents.REPUTATION_PAUSE)) {
            WarmupEvents.paused(EventType.IP_PAUSED, eventSource, ip.workspaceId(), ip.id(), ip.warmup()).ifPresent(events::publish);
        }
        return ip;
    }

    public DedicatedIp resume(Caller caller, String ipId, String reason) {
        // As for mailboxes: the reason is optional, and a blank one is no reason.
        String why = reason == null || reason.isBlank() ? "resumed" : reason;
        DedicatedIp ip = change(caller.principal().workspaceId(), ipId,
                current -> WarmupEngine.resume(current.plan(), current.warmup(), why, today(), policy));
        audit.success(caller, "ip.resumed", ipId, Map.of("reason", why));
        return ip;
    }

    /**
     * Pauses an IP whose reputation crossed the pause line; the reason names the rate. Answers the IP as stored
     * afterwards: paused by this call, or as it was if it was paused already (which keeps its first pause).
     */
    public DedicatedIp pauseForReputation(String workspaceId, String ipId, String reason) {
        DedicatedIp before = getIp(workspaceId, ipId);
        if (before.warmup().isPaused()) {
            return before;
        }
        DedicatedIp after = change(workspaceId, ipId, current -> WarmupEngine.pause(current.warmup(), reason, today(), clock.instant()));
        audit.record(workspaceId, "system:reputation", "ip.paused", ipId, null, "success", Map.of("reason", reason));
        return after;
    }

    /** The daily step for one IP, judged on the days since it was last evaluated. */
    public WarmupResult advanceDay(DedicatedIp ip) {
        LocalDate today = today();
        if (ip.warmup().lastEvaluatedOn() != null && !today.isAfter(ip.warmup().lastEvaluatedOn())) {
            // A second run of the day (schedules may deliver twice; a retry after a run that stopped): nothing to judge,
            // and no window to read (it would end before it starts), but that run may have stopped before it published.
            WarmupEvents.stepped(eventSource, ip.workspaceId(), ip.id(), "ip", ip.warmup(), today, java.time.ZoneOffset.UTC)
                    .ifPresent(events::publish);
            return new WarmupResult(ip.warmup(), com.penguinmails.sending.warmup.WarmupDecision.NO_CHANGE,
                    "already evaluated on " + ip.warmup().lastEvaluatedOn());
        }
        LocalDate from = ip.warmup().lastEvaluatedOn() == null ? today.minusDays(1) : ip.warmup().lastEvaluatedOn();
        List<DailyCounts> window = ledger.history(ip.id(), from, today.minusDays(1));
        WarmupResult[] result = new WarmupResult[1];
        DedicatedIp stored = change(ip.workspaceId(), ip.id(), current -> {
            result[0] = WarmupEngine.advanceDay(current.plan(), current.warmup(), WarmupHealth.from(window), today, policy);
            return result[0];
        });
        // Also when this day was evaluated before: that run may have stopped before it published.
        WarmupEvents.stepped(eventSource, stored.workspaceId(), stored.id(), "ip", stored.warmup(), today, java.time.ZoneOffset.UTC)
                .ifPresent(events::publish);
        return result[0];
    }

    public void forEachIp(java.util.function.Consumer<DedicatedIp> action) {
        store.forEachIp(action);
    }

    /**
     * The IPs of a pool that may send now, in the order to try them: a weighted random order (so traffic spreads by
     * weight) over IPs that are not paused and have a cap today. Whether a cap has room is settled by the ledger's
     * conditional reservation, not here.
     */
    public List<Candidate> candidates(String workspaceId, String poolId, Function<String, DedicatedIp> ipLookup) {
        IpPool pool = poolsForSending.computeIfAbsent(workspaceId + "/" + poolId, key -> getPool(workspaceId, poolId));
        List<IpPool.Member> open = new ArrayList<>();
        List<Candidate> byId = new ArrayList<>();
        for (IpPool.Member member : pool.members()) {
            DedicatedIp ip = ipLookup.apply(member.ipId());
            long cap = ip == null ? 0 : WarmupEngine.dailyCap(ip.plan(), ip.warmup());
            if (cap > 0) {
                open.add(member);
                byId.add(new Candidate(ip, cap));
            }
        }
        return weightedOrder(open, byId, random);
    }

    public record Candidate(DedicatedIp ip, long cap) {}

    static List<Candidate> weightedOrder(List<IpPool.Member> members, List<Candidate> candidates, RandomGenerator random) {
        List<IpPool.Member> remaining = new ArrayList<>(members);
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            int total = remaining.stream().mapToInt(IpPool.Member::weight).sum();
            int pick = random.nextInt(total);
            int index = 0;
            while (pick >= remaining.get(index).weight()) {
                pick -= remaining.get(index).weight();
                index++;
            }
            remaining.remove(index);
            ordered.add(left.remove(index));
        }
        return ordered;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private DedicatedIp change(String workspaceId, String ipId, Function<DedicatedIp, WarmupResult> step) {
        for (int attempt = 0; attempt < SAVE_RETRIES; attempt++) {
            DedicatedIp current = getIp(workspaceId, ipId);
            WarmupResult result = step.apply(current);
            if (!result.changed()) {
                return current;
            }
            DedicatedIp next = new DedicatedIp(current.id(), current.workspaceId(), current.address(), current.plan(), result.state(),
                    current.createdAt(), current.version());
            if (store.saveIp(next)) {
                return new DedicatedIp(next.id(), next.workspaceId(), next.address(), next.plan(), next.warmup(), next.createdAt(),
                        next.version() + 1);
            }
        }
        throw ApiProblem.conflict("concurrent-change", "The IP " + ipId + " kept changing under us; try again.");
    }

    private static boolean isIpLiteral(String address) {
        try {
            // Only strings with a colon and hex digits reach here: a literal IPv6 address, never a DNS lookup.
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
