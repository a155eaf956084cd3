package com.penguinmails.mailadapters;

import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.sending.placement.PlacementTestService;
import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.mailadapters.ImapBounceInbox;
import com.penguinmails.mailadapters.ImapWarmupInbox;
import com.penguinmails.mailadapters.KmsSecretCipher;
import com.penguinmails.mailadapters.SesPoolProvisioner;
import com.penguinmails.mailadapters.SmtpTransport;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.delivery.MailboxBounceScan;
import com.penguinmails.sending.delivery.MailboxReplyScan;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.MailboxWarmupRun;
import com.penguinmails.sending.mailboxes.SecretCipher;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.outbound.ExpiringCache;
import com.penguinmails.sending.outbound.RetryPolicy;
import com.penguinmails.sending.outbound.SendingService;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The wirings that need SES, KMS or the mail libraries (Angus Mail): only functions packaged with them (the
 * catalog's {@code jar: mail}) may call these. Everything else is in {@link Services}.
 */
public final class MailWiring {

    private MailWiring() {
    }

    /** IPs and pools, creating SES dedicated pools when {@value Services#SES_EVENTS_TOPIC_VARIABLE} is set (AWS). */
    public static IpService ipService(Platform platform) {
        String topic = platform.env(SendingWiring.SES_EVENTS_TOPIC_VARIABLE, null);
        PoolProvisioner provisioner = topic == null ? PoolProvisioner.NONE : new SesPoolProvisioner(sesV2(platform), topic);
        return SendingWiring.ipService(platform, provisioner);
    }

    public static SesV2Client sesV2(Platform platform) {
        return SesV2Client.builder().httpClient(platform.sdkTimeouts().httpClient()).region(AwsClients.region(platform))
                .overrideConfiguration(platform.sdkTimeouts()::applyTo).build();
    }

    /**
     * KMS when {@value Services#MAILBOX_KMS_KEY_VARIABLE} is set (AWS), else the local AES-GCM key in
     * {@value Services#LOCAL_SECRET_KEY_VARIABLE}; with neither, a cipher that fails on first use, so functions that never
     * touch a mailbox password still start.
     */
    public static SecretCipher secretCipher(Platform platform) {
        String kmsKey = platform.env(SendingWiring.MAILBOX_KMS_KEY_VARIABLE, null);
        if (kmsKey != null) {
            return new KmsSecretCipher(KmsClient.builder()
                    .httpClient(platform.sdkTimeouts().httpClient()).region(AwsClients.region(platform))
                    .overrideConfiguration(platform.sdkTimeouts()::applyTo).build(), kmsKey);
        }
        String localKey = platform.env(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, null);
        if (localKey != null) {
            return LocalSecretCipher.fromBase64(localKey);
        }
        return SecretCipher.unavailable("mailbox passwords cannot be encrypted or decrypted: set " + SendingWiring.MAILBOX_KMS_KEY_VARIABLE
                + " (AWS) or " + SendingWiring.LOCAL_SECRET_KEY_VARIABLE + " (local)");
    }

    public static MailboxService mailboxService(Platform platform) {
        return SendingWiring.mailboxService(platform, secretCipher(platform));
    }

    /** SMTP to each mailbox's own server (its settings travel with every send). */
    public static MailTransport mailboxTransport(Platform platform) {
        return new SmtpTransport(null);
    }

    public static MailboxWarmupRun mailboxWarmupRun(Platform platform) {
        MailboxService mailboxes = mailboxService(platform);
        return new MailboxWarmupRun(mailboxes, SendingWiring.sendLedger(platform), mailboxTransport(platform), new ImapWarmupInbox(),
                platform.clock(), platform.random(), new MailboxBounceScan(mailboxes,
                        SendingWiring.messageStore(platform), new ImapBounceInbox(platform.clock()),
                        SendingWiring.deliveryEventQueue(platform), platform.clock()), SendingWiring.placementObservations(platform),
                new MailboxReplyScan(mailboxes, SendingWiring.messageStore(platform), new ImapReplyInbox(platform.clock()),
                        CoreWiring.platformEvents(platform), PlatformEvents.sourceOf(platform), platform.clock()));
    }

    /** Placement tests: copies sent through the chosen mailbox's own SMTP server to the workspace's seed mailboxes. */
    public static PlacementTestService placementTestService(Platform platform) {
        return new PlacementTestService(SendingWiring.placementTestStore(platform), mailboxService(platform), mailboxTransport(platform),
                platform.clock());
    }

    /**
     * The sender's service: IP-pool mail through SES (or SMTP locally), mailbox mail through each mailbox's SMTP.
     * Message contents are cached for an hour (they never change), IPs for ten seconds (a pause shows within that).
     */
    public static SendingService sendingService(Platform platform, PlatformEventPublisher events) {
        MessageStore messages = SendingWiring.messageStore(platform);
        var ips = SendingWiring.ipStore(platform);
        ExpiringCache<String, Optional<Content>> contents = new ExpiringCache<>(1000, Duration.ofHours(1), platform.clock());
        ExpiringCache<String, DedicatedIp> ipCache = new ExpiringCache<>(1000, Duration.ofSeconds(10), platform.clock());
        return new SendingService(messages, SendingWiring.ipService(platform, PoolProvisioner.NONE), SendingWiring.sendLedger(platform),
                SendingWiring.suppressionService(platform), SendingWiring.dueMessages(platform), outboundTransport(platform), SendingWiring.trackingLinks(platform),
                platform.clock(),
                key -> contents.get(key[0] + "/" + key[1], k -> messages.content(key[0], key[1])),
                key -> ipCache.get(key[0] + "/" + key[1], k -> ips.findIp(key[0], key[1]).orElse(null)),
                mailboxService(platform), mailboxTransport(platform), RetryPolicy.defaults(), platform.random(), events);
    }

    /** IP-pool mail: SES in AWS; {@code PM_SMTP_HOST}/{@code PORT} locally or with an SMTP relay. */
    public static MailTransport outboundTransport(Platform platform) {
        String host = platform.env("PM_SMTP_HOST", null);
        if (host == null) {
            // In AWS: IP-pool mail goes through SES with the pool's configuration set.
            return new SesTransport(sesV2(platform));
        }
        // Locally (or with an SMTP relay): PM_SMTP_HOST/PORT, e.g. the local platform's SMTP sink.
        MailTransport smtp = new SmtpTransport(new MailTransport.SmtpSettings(host, Integer.parseInt(platform.env("PM_SMTP_PORT", "25")),
                platform.env("PM_SMTP_USERNAME", null), platform.env("PM_SMTP_PASSWORD", null),
                Boolean.parseBoolean(platform.env("PM_SMTP_STARTTLS", "false")) ? SmtpSecurity.STARTTLS : SmtpSecurity.NONE, null));
        if (Boolean.parseBoolean(platform.env("PM_SIMULATE_SES_EVENTS", "false"))) {
            return new SimulatedSesEvents(smtp, SendingWiring.deliveryEventQueue(platform), platform.clock());
        }
        return smtp;
    }
}
