package com.penguinmails.sending;

import com.penguinmails.sending.mailboxes.PlacementObserver;
import com.penguinmails.sending.placement.PlacementObservations;
import com.penguinmails.sending.placement.PlacementTestStore;
import com.penguinmails.sending.placement.internal.DynamoDbPlacementTestStore;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.workspaces.Workspace;
import com.penguinmails.identity.workspaces.WorkspaceStore;
import com.penguinmails.sending.domains.DnsResolver;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.domains.internal.DynamoDbDomainStore;
import com.penguinmails.sending.domains.internal.JndiDnsResolver;
import com.penguinmails.sending.domains.internal.ZoneFileDnsResolver;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.IpStore;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.ips.internal.DynamoDbIpStore;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.ledger.internal.DynamoDbSendLedger;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.MailboxStore;
import com.penguinmails.sending.mailboxes.SecretCipher;
import com.penguinmails.sending.mailboxes.ServerOverrides;
import com.penguinmails.sending.mailboxes.internal.DynamoDbMailboxStore;
import com.penguinmails.sending.messages.DueMessageRelease;
import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.MessageService;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.SendingResources;
import com.penguinmails.sending.messages.internal.DynamoDbDueMessages;
import com.penguinmails.sending.messages.internal.DynamoDbMessageStore;
import com.penguinmails.sending.messages.internal.SqsOutboundQueue;
import com.penguinmails.sending.outbound.TrackingLinks;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.suppressions.internal.DynamoDbSuppressionStore;
import com.penguinmails.sending.tracking.TrackingTokens;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.nio.file.Path;

/**
 * Builds the sending capability (domains, messages, suppressions, IPs, mailboxes, warmup, ledger, tracking) from a
 * {@link Platform}. Each factory touches only the tables its service needs. Nothing here reaches SES, KMS or the
 * mail transports: those wirings live in the mail-adapters module ({@code MailWiring}), so functions packaged without
 * it (the catalog's {@code jar: api}) cannot reach them.
 */
public final class SendingWiring {

    /** Local platform only: answer DNS questions from this zone file instead of real DNS. */
    public static final String DNS_ZONE_FILE_VARIABLE = "PM_DNS_ZONE_FILE";

    /** AWS only: the SNS topic SES configuration sets publish events to (the delivery-events queue subscribes). */
    public static final String SES_EVENTS_TOPIC_VARIABLE = "PM_SES_EVENTS_TOPIC_ARN";

    /** HMAC key of tracking and unsubscribe links (at least 32 characters). */
    public static final String TRACKING_SECRET_VARIABLE = "PM_TRACKING_SECRET";

    /** AWS: the KMS key that encrypts mailbox passwords (workspace id as encryption context). */
    public static final String MAILBOX_KMS_KEY_VARIABLE = "PM_MAILBOX_KMS_KEY_ID";

    /** Local platform and tests: base64 of 32 bytes, the AES-256-GCM key for mailbox passwords (no KMS there). */
    public static final String LOCAL_SECRET_KEY_VARIABLE = "PM_LOCAL_SECRET_KEY";

    /** Local platform only: every mailbox's IMAP (and SMTP) connection goes to the local mail sink instead. */
    public static final String IMAP_HOST_OVERRIDE_VARIABLE = "PM_IMAP_HOST_OVERRIDE";

    public static final String IMAP_PORT_OVERRIDE_VARIABLE = "PM_IMAP_PORT_OVERRIDE";

    public static final String MAILBOX_SMTP_HOST_OVERRIDE_VARIABLE = "PM_MAILBOX_SMTP_HOST_OVERRIDE";

    public static final String MAILBOX_SMTP_PORT_OVERRIDE_VARIABLE = "PM_MAILBOX_SMTP_PORT_OVERRIDE";

    /** Local platform only: mailboxes with implicit TLS go to the sink's TLS listener, trusting its certificate (PEM). */
    public static final String MAILBOX_SMTPS_HOST_OVERRIDE_VARIABLE = "PM_MAILBOX_SMTPS_HOST_OVERRIDE";

    public static final String MAILBOX_SMTPS_PORT_OVERRIDE_VARIABLE = "PM_MAILBOX_SMTPS_PORT_OVERRIDE";

    public static final String MAILBOX_SMTPS_CERTIFICATE_OVERRIDE_VARIABLE = "PM_MAILBOX_SMTPS_CERTIFICATE_OVERRIDE";

    /** Where the public tracking routes are served, e.g. https://track.example.com. */
    public static final String TRACKING_BASE_URL_VARIABLE = "PM_TRACKING_BASE_URL";

    public static DomainService domainService(Platform platform) {
        String zoneFile = platform.env(DNS_ZONE_FILE_VARIABLE, null);
        DnsResolver dns = zoneFile != null ? new ZoneFileDnsResolver(Path.of(zoneFile)) : new JndiDnsResolver();
        return new DomainService(new DynamoDbDomainStore(platform.dynamoDb(), platform.tableName("domains")), dns,
                IdentityWiring.auditRecorder(platform), platform.clock(), new DomainService.SendingEndpoints(
                        platform.env("AWS_REGION", "us-east-1"), trackingHost(platform)));
    }

    public static SuppressionService suppressionService(Platform platform) {
        return new SuppressionService(new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions")),
                IdentityWiring.auditRecorder(platform), platform.clock(), CoreWiring.platformEvents(platform), PlatformEvents.sourceOf(platform));
    }

    public static IpStore ipStore(Platform platform) {
        return new DynamoDbIpStore(platform.dynamoDb(), platform.tableName("sending-resources"));
    }

    public static SendLedger sendLedger(Platform platform) {
        return new DynamoDbSendLedger(platform.dynamoDb(), platform.tableName("send-ledger"));
    }

    /**
     * Functions that only read IPs or pause them (reputation, ingest) pass {@link PoolProvisioner#NONE}; those that
     * create pools use {@code MailWiring#ipService}, which provisions them in SES.
     */
    public static IpService ipService(Platform platform, PoolProvisioner provisioner) {
        return new IpService(ipStore(platform), sendLedger(platform), IdentityWiring.auditRecorder(platform), platform.clock(), WarmupPolicy.defaults(),
                provisioner, platform.random(), CoreWiring.platformEvents(platform), PlatformEvents.sourceOf(platform));
    }

    public static DueMessages dueMessages(Platform platform) {
        return new DynamoDbDueMessages(platform.dynamoDb(), platform.tableName("due-messages"));
    }

    public static DueMessageRelease dueMessageRelease(Platform platform) {
        return new DueMessageRelease(dueMessages(platform), outboundQueue(platform));
    }

    public static MessageStore messageStore(Platform platform) {
        return new DynamoDbMessageStore(platform.dynamoDb(), platform.tableName("messages"), platform.tableName("message-content"));
    }

    public static OutboundQueue outboundQueue(Platform platform) {
        return new SqsOutboundQueue(platform.sqs(), platform.queueUrl("outbound-messages"));
    }

    public static MessageService messageService(Platform platform) {
        WorkspaceStore workspaces = IdentityWiring.workspaceStore(platform);
        return new MessageService(messageStore(platform), domainService(platform), suppressionService(platform), sendingResources(platform),
                outboundQueue(platform), dueMessages(platform), platform.clock(),
                workspaceId -> workspaces.find(workspaceId).map(Workspace::postalAddress).orElse(null));
    }

    /** Whether a pool exists and what a mailbox's addresses are, for checking a send (or a campaign) against them. */
    public static SendingResources sendingResources(Platform platform) {
        IpStore ips = ipStore(platform);
        // Only the mailbox's addresses, to check a From against: the messages API is granted no send-ledger (the pacing).
        MailboxStore mailboxes = new DynamoDbMailboxStore(platform.dynamoDb(), platform.tableName("sending-resources"), null);
        return new SendingResources() {
            @Override
            public boolean poolExists(String workspaceId, String poolId) {
                return ips.findPool(workspaceId, poolId).isPresent();
            }

            @Override
            public java.util.Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId) {
                return mailboxes.find(workspaceId, mailboxId).map(mailbox -> new MailboxAddresses(mailbox.email(), mailbox.aliases()));
            }
        };
    }

    public static MailboxStore mailboxStore(Platform platform) {
        return new DynamoDbMailboxStore(platform.dynamoDb(), platform.tableName("sending-resources"), platform.tableName("send-ledger"));
    }

    /**
     * Mailboxes for functions that never touch a mailbox password (reputation, ingest): reading state and pausing
     * need no key. The others use {@code MailWiring#mailboxService}, which decrypts with KMS or the local key.
     */
    public static MailboxService mailboxServiceWithoutPasswords(Platform platform) {
        return mailboxService(platform, SecretCipher.unavailable("this function never reads mailbox passwords"));
    }

    public static MailboxService mailboxService(Platform platform, SecretCipher cipher) {
        return new MailboxService(mailboxStore(platform), sendLedger(platform), cipher, IdentityWiring.auditRecorder(platform),
                platform.clock(), WarmupPolicy.defaults(), serverOverrides(platform), CoreWiring.platformEvents(platform),
                PlatformEvents.sourceOf(platform));
    }

    /** Placement tests and where their copies landed (table placement-tests). */
    public static PlacementTestStore placementTestStore(Platform platform) {
        return new DynamoDbPlacementTestStore(platform.dynamoDb(), platform.tableName("placement-tests"));
    }

    /** What the warmup run's receiving pass saw: placement.observed events, and placement tests' results. */
    public static PlacementObserver placementObservations(Platform platform) {
        return new PlacementObservations(CoreWiring.platformEvents(platform), PlatformEvents.sourceOf(platform), placementTestStore(platform),
                platform.clock());
    }

    /** The delivery-events queue, for events we find ourselves (bounce reports read over IMAP). */
    public static com.penguinmails.sending.delivery.DeliveryEventQueue deliveryEventQueue(Platform platform) {
        return new com.penguinmails.sending.delivery.internal.SqsDeliveryEventQueue(platform.sqs(), platform.queueUrl("delivery-events"));
    }

    public static ServerOverrides serverOverrides(Platform platform) {
        String imapPort = platform.env(IMAP_PORT_OVERRIDE_VARIABLE, null);
        String smtpPort = platform.env(MAILBOX_SMTP_PORT_OVERRIDE_VARIABLE, null);
        String smtpsHost = platform.env(MAILBOX_SMTPS_HOST_OVERRIDE_VARIABLE, null);
        ServerOverrides.ImplicitTls implicitTls = smtpsHost == null ? null : new ServerOverrides.ImplicitTls(smtpsHost,
                Integer.parseInt(platform.required(MAILBOX_SMTPS_PORT_OVERRIDE_VARIABLE)), platform.required(MAILBOX_SMTPS_CERTIFICATE_OVERRIDE_VARIABLE));
        return new ServerOverrides(platform.env(MAILBOX_SMTP_HOST_OVERRIDE_VARIABLE, null), smtpPort == null ? null : Integer.valueOf(smtpPort),
                platform.env(IMAP_HOST_OVERRIDE_VARIABLE, null), imapPort == null ? null : Integer.valueOf(imapPort), implicitTls);
    }

    public static TrackingTokens trackingTokens(Platform platform) {
        return new TrackingTokens(platform.required(TRACKING_SECRET_VARIABLE));
    }

    public static TrackingLinks trackingLinks(Platform platform) {
        return new TrackingLinks(platform.required(TRACKING_BASE_URL_VARIABLE), trackingTokens(platform));
    }

    private static String trackingHost(Platform platform) {
        String base = platform.env(TRACKING_BASE_URL_VARIABLE, "https://track.penguinmails.dev");
        return java.net.URI.create(base).getHost();
    }

    private SendingWiring() {
    }
}
