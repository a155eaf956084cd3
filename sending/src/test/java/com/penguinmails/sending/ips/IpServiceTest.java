package com.penguinmails.sending.ips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditQuery;
import com.penguinmails.sending.testing.InMemoryIpStore;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * IpService on in-memory fakes: registration and its refusals, pools of this workspace's IPs only, pause and resume
 * (audited, idempotent), today's usage, the weighted order the injected random draws, a paused or capless IP left
 * out, and a save that keeps losing its race answered 409.
 */
class IpServiceTest {

    private static final String WS = InMemoryWorld.WS;
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final InMemoryWorld world = new InMemoryWorld(NOW, PinnedRandom.lowest());
    private final IpService ips = world.ips;

    @Test
    void anIpStartsAtTheFirstStepOfItsPlan() {
        DedicatedIp ip = ips.createIp(world.caller(), "198.51.100.10", "standard", null);
        DedicatedIp custom = ips.createIp(world.caller(), "2001:db8::1", null, List.of(5L, 10L));

        assertThat(ip.id()).startsWith("ip_");
        assertThat(ips.usageToday(ip)).isEqualTo(new IpService.Usage(50, 0));
        assertThat(ips.usageToday(custom)).isEqualTo(new IpService.Usage(5, 0));
        assertThat(ips.listIps(WS)).extracting(DedicatedIp::id).containsExactlyInAnyOrder(ip.id(), custom.id());
        assertThat(ips.listIps(InMemoryWorld.OTHER_WS)).isEmpty();
        world.ledger.reserve(ip.id(), LocalDate.parse("2026-11-20"), 50);
        assertThat(ips.usageToday(ip)).isEqualTo(new IpService.Usage(50, 1));
    }

    @Test
    void badRegistrationsNameTheField() {
        assertProblem(() -> ips.createIp(world.caller(), "999.1.1.1", null, null), 400, "address");
        assertProblem(() -> ips.createIp(world.caller(), "mail.example.org", null, null), 400, "address");
        assertProblem(() -> ips.createIp(world.caller(), "198.51.100.10", "reckless", null), 400, "warmupPlan");
        assertProblem(() -> ips.createIp(world.caller(), "198.51.100.10", null, List.of()), 400, "warmupSteps");
        assertThat(ips.listIps(WS)).isEmpty();
    }

    @Test
    void aPoolTakesOnlyThisWorkspacesIpsOnceEachWithSaneWeights() {
        DedicatedIp mine = ips.createIp(world.caller(), "198.51.100.10", null, null);
        DedicatedIp theirs = ips.createIp(InMemoryWorld.caller(InMemoryWorld.OTHER_WS), "198.51.100.11", null, null);

        assertProblem(() -> ips.createPool(world.caller(), "main", List.of(new IpPool.Member(theirs.id(), 1))), 400, "ips");
        assertProblem(() -> ips.createPool(world.caller(), "main", List.of(new IpPool.Member(mine.id(), 1), new IpPool.Member(mine.id(), 1))),
                400, "ips");
        assertProblem(() -> ips.createPool(world.caller(), "main", List.of(new IpPool.Member(mine.id(), 0))), 400, "ips");
        assertProblem(() -> ips.createPool(world.caller(), "main", List.of(new IpPool.Member("not-an-id", 1))), 400, "ips[0].ipId");
        assertProblem(() -> ips.createPool(world.caller(), " ", List.of(new IpPool.Member(mine.id(), 1))), 400, "name");

        IpPool pool = ips.createPool(world.caller(), " main ", List.of(new IpPool.Member(mine.id(), 3)));
        assertThat(pool.name()).isEqualTo("main");
        assertThat(ips.getPool(WS, pool.id())).isEqualTo(pool);
        assertProblem(() -> ips.getPool(InMemoryWorld.OTHER_WS, pool.id()), 404, null);
    }

    @Test
    void pauseAndResumeAreAuditedAndAPausedIpCarriesNothing() {
        DedicatedIp ip = ips.createIp(world.caller(), "198.51.100.10", null, null);
        IpPool pool = ips.createPool(world.caller(), "main", List.of(new IpPool.Member(ip.id(), 1)));

        assertProblem(() -> ips.pause(world.caller(), ip.id(), " "), 400, "reason");
        DedicatedIp paused = ips.pause(world.caller(), ip.id(), "blocklisted");
        assertThat(ips.pause(world.caller(), ip.id(), "again").warmup().pauseReason()).as("the first reason stands").isEqualTo("blocklisted");
        assertThat(paused.warmup().isPaused()).isTrue();
        assertThat(ips.usageToday(paused).cap()).isZero();
        assertThat(ips.candidates(WS, pool.id(), id -> ips.getIp(WS, id))).isEmpty();

        DedicatedIp resumed = ips.resume(world.caller(), ip.id(), null);
        assertThat(resumed.warmup().isPaused()).isFalse();
        assertThat(ips.candidates(WS, pool.id(), id -> ips.getIp(WS, id))).extracting(c -> c.ip().id()).containsExactly(ip.id());
        assertThat(world.auditLog.query(new AuditQuery(WS, null, null, null, null, null, 10)).items()).extracting(AuditEvent::action)
                .as("all at one instant, so in no particular order").containsExactlyInAnyOrder("ip.resumed", "ip.paused", "ip.paused", "ip-pool.created", "ip.created");
    }

    @Test
    void candidatesComeInTheWeightedOrderTheInjectedRandomDraws() {
        DedicatedIp a = ips.createIp(world.caller(), "198.51.100.10", null, null);
        DedicatedIp b = ips.createIp(world.caller(), "198.51.100.11", null, null);
        DedicatedIp c = ips.createIp(world.caller(), "198.51.100.12", null, null);
        IpPool pool = ips.createPool(world.caller(), "main", List.of(new IpPool.Member(a.id(), 1), new IpPool.Member(b.id(), 2),
                new IpPool.Member(c.id(), 3)));

        assertThat(order(PinnedRandom.lowest(), pool)).containsExactly(a.id(), b.id(), c.id());
        assertThat(order(new PinnedRandom(1), pool)).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void aSaveThatKeepsLosingItsRaceIsAConflict() {
        DedicatedIp ip = ips.createIp(world.caller(), "198.51.100.10", null, null);
        InMemoryIpStore store = world.ipStore;
        // Every save finds that someone else changed the IP first.
        IpStore racing = new IpStore() {
            public void createIp(DedicatedIp i) { store.createIp(i); }
            public java.util.Optional<DedicatedIp> findIp(String ws, String id) { return store.findIp(ws, id); }
            public boolean saveIp(DedicatedIp changed) { return false; }
            public List<DedicatedIp> listIps(String ws) { return store.listIps(ws); }
            public void createPool(IpPool pool) { store.createPool(pool); }
            public java.util.Optional<IpPool> findPool(String ws, String id) { return store.findPool(ws, id); }
            public List<IpPool> listPools(String ws) { return store.listPools(ws); }
            public void forEachIp(java.util.function.Consumer<DedicatedIp> action) { store.forEachIp(action); }
        };
        IpService losing = new IpService(racing, world.ledger, world.audit, world.clock, WarmupPolicy.defaults(), PoolProvisioner.NONE,
                world.random);

        assertThatThrownBy(() -> losing.pause(world.caller(), ip.id(), "why")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(409));
    }

    private List<String> order(PinnedRandom random, IpPool pool) {
        IpService service = new IpService(world.ipStore, world.ledger, world.audit, world.clock, WarmupPolicy.defaults(), PoolProvisioner.NONE,
                random);
        return service.candidates(WS, pool.id(), id -> service.getIp(WS, id)).stream().map(c -> c.ip().id()).toList();
    }

    private static void assertProblem(ThrowingCallable call, int status, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            if (field != null) {
                assertThat(problem.extensions()).containsEntry("field", field);
            }
        });
    }
}
