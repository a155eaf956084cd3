package com.penguinmails.shared.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.shared.apikeys.ApiKey;
import com.penguinmails.shared.apikeys.ApiKeyStore;
import com.penguinmails.shared.domains.Domain;
import com.penguinmails.shared.domains.DomainStore;
import com.penguinmails.shared.ips.DedicatedIp;
import com.penguinmails.shared.ips.IpStore;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.paging.Page;
import com.penguinmails.shared.suppressions.Suppression;
import com.penguinmails.shared.suppressions.SuppressionStore;
import com.penguinmails.shared.warmup.IpWarmupPlan;
import com.penguinmails.shared.warmup.WarmupState;
import com.penguinmails.shared.workspaces.Workspace;
import com.penguinmails.shared.workspaces.WorkspaceStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The conditions and paging of the store ports that have no contract of their own elsewhere: run on DynamoDB
 * (dynalite) and on the in-memory fakes by the subclasses, so that tests on the fakes rely on what DynamoDB does.
 */
abstract class StorePortsContract {

    static final String WS = "ws_St0r3C0ntract00000001";
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    abstract SuppressionStore suppressions();

    abstract DomainStore domains();

    abstract ApiKeyStore apiKeys();

    abstract WorkspaceStore workspaces();

    abstract IpStore ips();

    abstract DueMessages due();

    @Test
    void theFirstSuppressionStandsAndAnAddressMatchesOnlyItself() {
        SuppressionStore store = suppressions();

        assertThat(store.add(suppression("a@b.com", "workspace", Suppression.Reason.COMPLAINT))).isTrue();
        assertThat(store.add(suppression("a@b.com", "workspace", Suppression.Reason.MANUAL))).isFalse();
        assertThat(store.add(suppression("a@b.com", "campaign:spring", Suppression.Reason.UNSUBSCRIBE))).isTrue();
        assertThat(store.add(suppression("a@b.com.au", "workspace", Suppression.Reason.MANUAL))).isTrue();

        assertThat(store.find(WS, "a@b.com")).extracting(Suppression::scope, Suppression::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("workspace", Suppression.Reason.COMPLAINT),
                org.assertj.core.groups.Tuple.tuple("campaign:spring", Suppression.Reason.UNSUBSCRIBE));
        assertThat(store.find("ws_Other", "a@b.com")).isEmpty();
        assertThat(store.remove(WS, "a@b.com", "campaign:spring")).isTrue();
        assertThat(store.remove(WS, "a@b.com", "campaign:spring")).isFalse();
        assertThat(store.countSoftBounce(WS, "soft@b.com")).isEqualTo(1);
        assertThat(store.countSoftBounce(WS, "soft@b.com")).isEqualTo(2);
    }

    @Test
    void suppressionsPageInKeyOrderWithoutTheSoftBounceCounters() {
        SuppressionStore store = suppressions();
        for (int i = 0; i < 7; i++) {
            store.add(suppression("u" + i + "@b.com", "workspace", Suppression.Reason.MANUAL));
        }
        store.countSoftBounce(WS, "u3@b.com");

        assertThat(all(cursor -> store.list(WS, cursor, 3))).extracting(Suppression::email)
                .containsExactly("u0@b.com", "u1@b.com", "u2@b.com", "u3@b.com", "u4@b.com", "u5@b.com", "u6@b.com");
    }

    @Test
    void aDomainIsCreatedOncePerWorkspaceAndListedByName() {
        DomainStore store = domains();
        for (String name : List.of("c.test", "a.test", "b.test")) {
            assertThat(store.create(domain(name, Domain.Status.PENDING))).isTrue();
        }
        assertThat(store.create(domain("a.test", Domain.Status.VERIFIED))).isFalse();
        store.save(domain("b.test", Domain.Status.VERIFIED));

        assertThat(store.find(WS, "a.test")).map(Domain::status).hasValue(Domain.Status.PENDING);
        assertThat(store.find(WS, "b.test")).map(Domain::status).hasValue(Domain.Status.VERIFIED);
        assertThat(all(cursor -> store.list(WS, cursor, 2))).extracting(Domain::id).containsExactly("a.test", "b.test", "c.test");
    }

    @Test
    void apiKeysReplaceOnlyFromTheExpectedStatusRecordUseAtMostOncePerIntervalAndPage() {
        ApiKeyStore store = apiKeys();
        for (int i = 1; i <= 5; i++) {
            store.create(key("key_" + i, NOW.plus(Duration.ofDays(i - 3))));
        }
        ApiKey k1 = store.find(WS, "key_1").orElseThrow();

        assertThat(store.replaceIfStatus(withStatus(k1, ApiKey.Status.REVOKED), ApiKey.Status.ACTIVE)).isTrue();
        assertThat(store.replaceIfStatus(withStatus(k1, ApiKey.Status.EXPIRED), ApiKey.Status.ACTIVE)).as("revoked meanwhile").isFalse();
        assertThat(store.find(WS, "key_1")).map(ApiKey::status).hasValue(ApiKey.Status.REVOKED);

        store.touch(WS, "key_2", NOW, Duration.ofMinutes(1));
        store.touch(WS, "key_2", NOW.plusSeconds(30), Duration.ofMinutes(1));
        assertThat(store.find(WS, "key_2")).map(ApiKey::lastUsedAt).as("within the interval: not again").hasValue(NOW);
        store.touch(WS, "key_2", NOW.plusSeconds(61), Duration.ofMinutes(1));
        assertThat(store.find(WS, "key_2")).map(ApiKey::lastUsedAt).hasValue(NOW.plusSeconds(61));

        assertThat(all(cursor -> store.list(WS, cursor, 2))).extracting(ApiKey::id).containsExactly("key_1", "key_2", "key_3", "key_4", "key_5");
        assertThat(all(cursor -> store.scanExpired(NOW, cursor, 2))).extracting(ApiKey::id)
                .as("active and at or past expiry: key_1 is revoked, key_4 and key_5 expire later").containsExactlyInAnyOrder("key_2", "key_3");

        store.putSecret("hash-1", WS, "key_1");
        store.expireSecret("hash-1", NOW.plusSeconds(90));
        assertThat(store.findSecret("hash-1")).hasValue(new ApiKeyStore.SecretRef(WS, "key_1", NOW.plusSeconds(90)));
        assertThat(store.findSecret("hash-2")).isEmpty();
    }

    @Test
    void keySlotsNeverPassTheCapNorGoBelowZero() {
        WorkspaceStore store = workspaces();
        store.create(new Workspace(WS, "Acme", NOW, null));

        assertThat(store.reserveKeySlot(WS, 2)).isTrue();
        assertThat(store.reserveKeySlot(WS, 2)).isTrue();
        assertThat(store.reserveKeySlot(WS, 2)).isFalse();
        store.releaseKeySlot(WS);
        store.releaseKeySlot(WS);
        store.releaseKeySlot(WS);
        assertThat(store.reserveKeySlot(WS, 1)).as("released to zero, not below").isTrue();
        assertThat(store.reserveKeySlot(WS, 1)).isFalse();
        assertThat(store.reserveKeySlot("ws_NoSuchWorkspace", 5)).isFalse();

        store.updatePostalAddress(WS, "1 Penguin Way");
        assertThat(store.find(WS)).map(Workspace::postalAddress).hasValue("1 Penguin Way");
        store.updatePostalAddress(WS, null);
        assertThat(store.find(WS)).map(Workspace::postalAddress).isEmpty();
    }

    @Test
    void anIpIsSavedOnlyOverTheVersionItWasReadAt() {
        IpStore store = ips();
        store.createIp(new DedicatedIp("ip_C0ntract1", WS, "198.51.100.10", IpWarmupPlan.standard(), WarmupState.start(LocalDate.parse("2026-11-20")),
                NOW, 1));
        DedicatedIp read = store.findIp(WS, "ip_C0ntract1").orElseThrow();

        assertThat(store.saveIp(read)).isTrue();
        assertThat(store.saveIp(read)).as("saved by someone else since it was read").isFalse();
        assertThat(store.findIp(WS, "ip_C0ntract1")).map(DedicatedIp::version).hasValue(read.version() + 1);
        assertThat(store.findIp("ws_Other", "ip_C0ntract1")).isEmpty();
    }

    @Test
    void dueMessagesAreTakenOnceWhenDueEarliestFirst() {
        DueMessages store = due();
        store.schedule(WS, "msg_b", NOW.plusSeconds(20));
        store.schedule(WS, "msg_a", NOW.plusSeconds(10));
        store.schedule(WS, "msg_c", NOW.plusSeconds(30));
        store.defer(WS, "msg_d", LocalDate.parse("2026-11-21"));

        assertThat(store.takeDue(NOW.plusSeconds(9), 10)).isEmpty();
        assertThat(store.takeDue(NOW.plusSeconds(20), 10)).containsExactly(ticket("msg_a"), ticket("msg_b"));
        assertThat(store.takeDue(NOW.plusSeconds(20), 10)).as("taken once").isEmpty();
        assertThat(store.takeDue(NOW.plusSeconds(60), 10)).containsExactly(ticket("msg_c"));
        assertThat(store.takeDeferred(LocalDate.parse("2026-11-20"), 10)).isEmpty();
        assertThat(store.takeDeferred(LocalDate.parse("2026-11-22"), 10)).containsExactly(ticket("msg_d"));
        assertThat(store.takeDeferred(LocalDate.parse("2026-11-22"), 10)).isEmpty();
    }

    private static <T> List<T> all(Function<String, Page<T>> page) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            Page<T> next = page.apply(cursor);
            items.addAll(next.items());
            cursor = next.nextCursor();
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 20 pages");
    }

    private static OutboundQueue.Ticket ticket(String messageId) {
        return new OutboundQueue.Ticket(WS, messageId);
    }

    private static Suppression suppression(String email, String scope, Suppression.Reason reason) {
        return new Suppression(WS, email, scope, reason, "test", NOW);
    }

    private static Domain domain(String name, Domain.Status status) {
        return new Domain(name, WS, status, List.of(), List.of(), NOW, null, null);
    }

    private static ApiKey key(String id, Instant expiresAt) {
        return new ApiKey(id, WS, id, "pm_live_abc", "hash-" + id, List.of("full"), ApiKey.Status.ACTIVE, "apikey:owner", NOW, null,
                expiresAt, 10, null, null);
    }

    private static ApiKey withStatus(ApiKey k, ApiKey.Status status) {
        return new ApiKey(k.id(), k.workspaceId(), k.name(), k.secretPrefix(), k.secretHash(), k.scopes(), status, k.createdBy(), k.createdAt(),
                k.lastUsedAt(), k.expiresAt(), k.rateLimitPerSecond(), k.rotatedAt(), k.revokedAt());
    }
}
