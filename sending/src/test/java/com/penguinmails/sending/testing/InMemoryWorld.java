package com.penguinmails.sending.testing;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.testing.InMemoryAuditLog;
import com.penguinmails.sending.delivery.EventIngestService;
import com.penguinmails.sending.domains.DnsResolver;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.ServerOverrides;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.MessageService;
import com.penguinmails.sending.messages.SendingResources;
import com.penguinmails.sending.outbound.RetryPolicy;
import com.penguinmails.sending.outbound.SendingService;
import com.penguinmails.sending.outbound.TrackingLinks;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.tracking.TrackingTokens;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sending side wired on in-memory fakes of its ports, a test clock and pinned randomness: what the fast
 * service tests build on. Nothing here touches DynamoDB, SQS or the network; the transports record what they get.
 */
public final class InMemoryWorld {

    public static final String WS = "ws_F4k3W0rld00000000001";
    public static final String OTHER_WS = "ws_F4k3W0rld00000000002";
    public static final String TRACKING_SECRET = "test-tracking-secret-0123456789-0123456789";
    public static final String TRACKING_BASE = "https://track.acme.test";

    public final TestClock clock;
    public final PinnedRandom random;
    public final InMemoryMessageStore messages = new InMemoryMessageStore();
    public final InMemorySendLedger ledger = new InMemorySendLedger();
    public final InMemoryDueMessages due = new InMemoryDueMessages();
    public final InMemoryOutboundQueue queue = new InMemoryOutboundQueue();
    public final InMemoryIpStore ipStore = new InMemoryIpStore();
    public final InMemoryMailboxStore mailboxStore = new InMemoryMailboxStore();
    public final InMemoryDomainStore domainStore = new InMemoryDomainStore();
    public final InMemorySuppressionStore suppressionStore = new InMemorySuppressionStore();
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final RecordingTransport transport = new RecordingTransport();
    public final RecordingTransport mailboxTransport = new RecordingTransport();
    public final AuditRecorder audit;
    public final SuppressionService suppressions;
    public final DomainService domains;
    public final IpService ips;
    public final MailboxService mailboxes;
    public final TrackingTokens tokens = new TrackingTokens(TRACKING_SECRET);
    public final TrackingLinks links = new TrackingLinks(TRACKING_BASE, tokens);
    private final AtomicInteger attempts = new AtomicInteger();

    public InMemoryWorld(Instant now, PinnedRandom random) {
        this.clock = new TestClock(now);
        this.random = random;
        this.audit = new AuditRecorder(auditLog, clock);
        this.suppressions = new SuppressionService(suppressionStore, audit, clock);
        this.domains = new DomainService(domainStore, NO_DNS, audit, clock, new DomainService.SendingEndpoints("eu-west-1", "track.acme.test"));
        this.ips = new IpService(ipStore, ledger, audit, clock, WarmupPolicy.defaults(), PoolProvisioner.NONE, random);
        this.mailboxes = new MailboxService(mailboxStore, ledger, LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key()), audit, clock,
                WarmupPolicy.defaults(), ServerOverrides.NONE);
    }

    /** Nothing is published anywhere: the tests that need DNS give their own resolver. */
    public static final DnsResolver NO_DNS = new DnsResolver() {
        @Override
        public List<String> txt(String name) {
            return List.of();
        }

        @Override
        public List<String> cname(String name) {
            return List.of();
        }

        @Override
        public List<String> mx(String name) {
            return List.of();
        }
    };

    public Caller caller() {
        return caller(WS);
    }

    public static Caller caller(String workspaceId) {
        return new Caller(new Principal(workspaceId, "key_F4k3", "apikey:key_F4k3", List.of("full"), 100), "192.0.2.1");
    }

    /** A domain the workspace has verified, as DomainService.verify leaves it. */
    public void verifiedDomain(String workspaceId, String name) {
        domainStore.create(new Domain(name, workspaceId, Domain.Status.VERIFIED, List.of(), List.of(), clock.instant(), clock.instant(),
                clock.instant()));
    }

    public SendingService sending() {
        return sending(ledger);
    }

    /** With {@code ledger} in place of {@link #ledger} for the sender's cap reservations (a wrapper of it, say). */
    public SendingService sending(SendLedger ledger) {
        return new SendingService(messages, ips, ledger, suppressions, due, transport, links, clock,
                key -> messages.content(key[0], key[1]), key -> ipStore.findIp(key[0], key[1]).orElse(null),
                mailboxes, mailboxTransport, RetryPolicy.defaults(), random);
    }

    public MessageService messageService() {
        SendingResources resources = new SendingResources() {
            @Override
            public boolean poolExists(String workspaceId, String poolId) {
                return ipStore.findPool(workspaceId, poolId).isPresent();
            }

            @Override
            public Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId) {
                return mailboxStore.find(workspaceId, mailboxId).map(m -> new MailboxAddresses(m.email(), m.aliases()));
            }
        };
        return new MessageService(messages, domains, suppressions, resources, queue, due, clock, workspaceId -> "1 Penguin Way, Antarctica");
    }

    public EventIngestService ingest() {
        return new EventIngestService(messages, suppressions, ledger, ips, mailboxes, clock, ReputationPolicy.defaults(),
                () -> "attempt-" + attempts.incrementAndGet());
    }
}
