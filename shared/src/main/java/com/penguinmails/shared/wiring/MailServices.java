package com.penguinmails.shared.wiring;

import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ips.PoolProvisioner;
import com.penguinmails.shared.ips.internal.SesPoolProvisioner;
import com.penguinmails.shared.mail.MailTransport;
import com.penguinmails.shared.mail.SmtpTransport;
import com.penguinmails.shared.events.MailboxBounceScan;
import com.penguinmails.shared.mailboxes.MailboxService;
import com.penguinmails.shared.mailboxes.MailboxWarmupRun;
import com.penguinmails.shared.mailboxes.SecretCipher;
import com.penguinmails.shared.mailboxes.internal.ImapBounceInbox;
import com.penguinmails.shared.mailboxes.internal.ImapWarmupInbox;
import com.penguinmails.shared.mailboxes.internal.KmsSecretCipher;
import com.penguinmails.shared.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.shared.platform.AwsClients;
import com.penguinmails.shared.platform.Platform;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The wirings that need SES, KMS or the mail libraries (Angus Mail): only functions packaged with them (the
 * catalog's {@code jar: mail}) may call these. Everything else is in {@link Services}.
 */
public final class MailServices {

    private MailServices() {
    }

    /** IPs and pools, creating SES dedicated pools when {@value Services#SES_EVENTS_TOPIC_VARIABLE} is set (AWS). */
    public static IpService ipService(Platform platform) {
        String topic = platform.env(Services.SES_EVENTS_TOPIC_VARIABLE, null);
        PoolProvisioner provisioner = topic == null ? PoolProvisioner.NONE : new SesPoolProvisioner(sesV2(platform), topic);
        return Services.ipService(platform, provisioner);
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
        String kmsKey = platform.env(Services.MAILBOX_KMS_KEY_VARIABLE, null);
        if (kmsKey != null) {
            return new KmsSecretCipher(KmsClient.builder()
                    .httpClient(platform.sdkTimeouts().httpClient()).region(AwsClients.region(platform))
                    .overrideConfiguration(platform.sdkTimeouts()::applyTo).build(), kmsKey);
        }
        String localKey = platform.env(Services.LOCAL_SECRET_KEY_VARIABLE, null);
        if (localKey != null) {
            return LocalSecretCipher.fromBase64(localKey);
        }
        return SecretCipher.unavailable("mailbox passwords cannot be encrypted or decrypted: set " + Services.MAILBOX_KMS_KEY_VARIABLE
                + " (AWS) or " + Services.LOCAL_SECRET_KEY_VARIABLE + " (local)");
    }

    public static MailboxService mailboxService(Platform platform) {
        return Services.mailboxService(platform, secretCipher(platform));
    }

    /** SMTP to each mailbox's own server (its settings travel with every send). */
    public static MailTransport mailboxTransport(Platform platform) {
        return new SmtpTransport(null);
    }

    public static MailboxWarmupRun mailboxWarmupRun(Platform platform) {
        MailboxService mailboxes = mailboxService(platform);
        return new MailboxWarmupRun(mailboxes, Services.sendLedger(platform), mailboxTransport(platform), new ImapWarmupInbox(),
                platform.clock(), platform.random(), new MailboxBounceScan(mailboxes,
                        Services.messageStore(platform), new ImapBounceInbox(platform.clock()),
                        Services.deliveryEventQueue(platform), platform.clock()));
    }
}
