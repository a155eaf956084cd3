package com.penguinmails.shared.wiring;

import com.penguinmails.shared.domains.DnsResolver;
import com.penguinmails.shared.domains.DomainService;
import com.penguinmails.shared.domains.internal.DynamoDbDomainStore;
import com.penguinmails.shared.domains.internal.JndiDnsResolver;
import com.penguinmails.shared.domains.internal.ZoneFileDnsResolver;
import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ips.IpStore;
import com.penguinmails.shared.ips.PoolProvisioner;
import com.penguinmails.shared.ips.internal.DynamoDbIpStore;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.ledger.internal.DynamoDbSendLedger;
import com.penguinmails.shared.mailboxes.MailboxService;
import com.penguinmails.shared.mailboxes.MailboxStore;
import com.penguinmails.shared.mailboxes.SecretCipher;
import com.penguinmails.shared.mailboxes.ServerOverrides;
import com.penguinmails.shared.mailboxes.internal.DynamoDbMailboxStore;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.messages.MessageService;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.messages.SendingResources;
import com.penguinmails.shared.messages.internal.DynamoDbDueMessages;
import com.penguinmails.shared.messages.internal.DynamoDbMessageStore;
import com.penguinmails.shared.messages.internal.SqsOutboundQueue;
import com.penguinmails.shared.sending.TrackingLinks;
import com.penguinmails.shared.suppressions.SuppressionService;
import com.penguinmails.shared.suppressions.internal.DynamoDbSuppressionStore;
import com.penguinmails.shared.tracking.TrackingTokens;
import com.penguinmails.shared.warmup.WarmupPolicy;
import java.nio.file.Path;
import com.penguinmails.shared.apikeys.ApiKeyAuthenticator;
import com.penguinmails.shared.apikeys.ApiKeyService;
import com.penguinmails.shared.apikeys.ApiKeyStore;
import com.penguinmails.shared.apikeys.internal.DynamoDbApiKeyStore;
import com.penguinmails.shared.audit.AuditLog;
import com.penguinmails.shared.audit.AuditRecorder;
import com.penguinmails.shared.audit.internal.DynamoDbAuditLog;
import com.penguinmails.shared.idempotency.IdempotencyStore;
import com.penguinmails.shared.idempotency.internal.DynamoDbIdempotencyStore;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.ratelimit.RateLimiter;
import com.penguinmails.shared.ratelimit.internal.DynamoDbRateLimiter;
import com.penguinmails.shared.workspaces.MemberStore;
import com.penguinmails.shared.workspaces.Workspace;
import com.penguinmails.shared.workspaces.WorkspaceService;
import com.penguinmails.shared.workspaces.WorkspaceStore;
import com.penguinmails.shared.workspaces.internal.DynamoDbMemberStore;
import com.penguinmails.shared.workspaces.internal.DynamoDbWorkspaceStore;

/**
 * Builds domain services from a {@link Platform}. Each factory touches only the tables its service needs, so a
 * function asks only for what the catalog grants it (a missing grant fails at start-up, naming the variable).
 * Nothing here reaches SES, KMS or the mail libraries: those wirings live in {@link MailServices}, so functions
 * packaged without them (the catalog's {@code jar: api}) cannot reach them by accident.
 */
public final class Services {

    public static final String OPERATOR_KEY_HASH_VARIABLE = "PM_OPERATOR_KEY_SHA256";
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

    private Services() {
    }

    public static ApiKeyStore apiKeyStore(Platform platform) {
        return new DynamoDbApiKeyStore(platform.dynamoDb(), platform.enhancedDynamoDb(),
                platform.tableName("api-keys"), platform.tableName("api-key-secrets"));
    }

    public static ApiKeyAuthenticator apiKeyAuthenticator(Platform platform) {
        return new ApiKeyAuthenticator(apiKeyStore(platform), platform.clock(),
                platform.env(OPERATOR_KEY_HASH_VARIABLE, null));
    }

    public static WorkspaceStore workspaceStore(Platform platform) {
        return new DynamoDbWorkspaceStore(platform.dynamoDb(), platform.tableName("workspaces"));
    }

    public static MemberStore memberStore(Platform platform) {
        return new DynamoDbMemberStore(platform.dynamoDb(), platform.tableName("members"));
    }

    public static AuditLog auditLog(Platform platform) {
        return new DynamoDbAuditLog(platform.dynamoDb(), platform.tableName("audit-events"));
    }

    public static AuditRecorder auditRecorder(Platform platform) {
        return new AuditRecorder(auditLog(platform), platform.clock());
    }

    public static ApiKeyService apiKeyService(Platform platform) {
        return new ApiKeyService(apiKeyStore(platform), workspaceStore(platform), auditRecorder(platform), platform.clock());
    }

    public static WorkspaceService workspaceService(Platform platform) {
        return new WorkspaceService(workspaceStore(platform), memberStore(platform), apiKeyService(platform), auditRecorder(platform), platform.clock());
    }

    public static IdempotencyStore idempotencyStore(Platform platform) {
        return new DynamoDbIdempotencyStore(platform.dynamoDb(), platform.tableName("idempotency"), platform.clock());
    }

    public static DomainService domainService(Platform platform) {
        String zoneFile = platform.env(DNS_ZONE_FILE_VARIABLE, null);
        DnsResolver dns = zoneFile != null ? new ZoneFileDnsResolver(Path.of(zoneFile)) : new JndiDnsResolver();
        return new DomainService(new DynamoDbDomainStore(platform.dynamoDb(), platform.tableName("domains")), dns,
                auditRecorder(platform), platform.clock(), new DomainService.SendingEndpoints(
                        platform.env("AWS_REGION", "us-east-1"), trackingHost(platform)));
    }

    public static SuppressionService suppressionService(Platform platform) {
        return new SuppressionService(new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions")),
                auditRecorder(platform), platform.clock());
    }

    public static IpStore ipStore(Platform platform) {
        return new DynamoDbIpStore(platform.dynamoDb(), platform.tableName("sending-resources"));
    }

    public static SendLedger sendLedger(Platform platform) {
        return new DynamoDbSendLedger(platform.dynamoDb(), platform.tableName("send-ledger"));
    }

    /**
     * Functions that only read IPs or pause them (reputation, ingest) pass {@link PoolProvisioner#NONE}; those that
     * create pools use {@link MailServices#ipService}, which provisions them in SES.
     */
    public static IpService ipService(Platform platform, PoolProvisioner provisioner) {
        return new IpService(ipStore(platform), sendLedger(platform), auditRecorder(platform), platform.clock(), WarmupPolicy.defaults(),
                provisioner, platform.random());
    }

    public static DueMessages dueMessages(Platform platform) {
        return new DynamoDbDueMessages(platform.dynamoDb(), platform.tableName("due-messages"));
    }

    public static MessageStore messageStore(Platform platform) {
        return new DynamoDbMessageStore(platform.dynamoDb(), platform.tableName("messages"), platform.tableName("message-content"));
    }

    public static OutboundQueue outboundQueue(Platform platform) {
        return new SqsOutboundQueue(platform.sqs(), platform.queueUrl("outbound-messages"));
    }

    public static MessageService messageService(Platform platform) {
        IpStore ips = ipStore(platform);
        MailboxStore mailboxes = mailboxStore(platform);
        SendingResources resources = new SendingResources() {
            @Override
            public boolean poolExists(String workspaceId, String poolId) {
                return ips.findPool(workspaceId, poolId).isPresent();
            }

            @Override
            public java.util.Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId) {
                return mailboxes.find(workspaceId, mailboxId).map(mailbox -> new MailboxAddresses(mailbox.email(), mailbox.aliases()));
            }
        };
        WorkspaceStore workspaces = workspaceStore(platform);
        return new MessageService(messageStore(platform), domainService(platform), suppressionService(platform), resources,
                outboundQueue(platform), dueMessages(platform), platform.clock(),
                workspaceId -> workspaces.find(workspaceId).map(Workspace::postalAddress).orElse(null));
    }

    public static MailboxStore mailboxStore(Platform platform) {
        return new DynamoDbMailboxStore(platform.dynamoDb(), platform.tableName("sending-resources"));
    }

    /**
     * Mailboxes for functions that never touch a mailbox password (reputation, ingest): reading state and pausing
     * need no key. The others use {@link MailServices#mailboxService}, which decrypts with KMS or the local key.
     */
    public static MailboxService mailboxServiceWithoutPasswords(Platform platform) {
        return mailboxService(platform, SecretCipher.unavailable("this function never reads mailbox passwords"));
    }

    static MailboxService mailboxService(Platform platform, SecretCipher cipher) {
        return new MailboxService(mailboxStore(platform), sendLedger(platform), cipher, auditRecorder(platform),
                platform.clock(), WarmupPolicy.defaults(), serverOverrides(platform));
    }

    /** The delivery-events queue, for events we find ourselves (bounce reports read over IMAP). */
    public static com.penguinmails.shared.events.DeliveryEventQueue deliveryEventQueue(Platform platform) {
        return new com.penguinmails.shared.events.internal.SqsDeliveryEventQueue(platform.sqs(), platform.queueUrl("delivery-events"));
    }

    static ServerOverrides serverOverrides(Platform platform) {
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

    public static RateLimiter rateLimiter(Platform platform) {
        return new DynamoDbRateLimiter(platform.dynamoDb(), platform.tableName("rate-limits"), platform.clock());
    }
}
