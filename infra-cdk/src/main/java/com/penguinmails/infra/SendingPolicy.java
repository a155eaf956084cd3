package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionSpec;
import java.util.Set;

/**
 * Which catalog functions get sending powers the catalog cannot express: SES and the mailbox-secrets KMS key.
 * Tables and queues come from the catalog; these rules name functions, because the catalog has no SES or KMS
 * entries. A name that is not in the catalog matches nothing (it does not fail), so adding or removing those
 * functions is still a catalog-only change.
 *
 * <p>This class is the one place that names them; {@link PenguinMailsStack} applies it to every catalog function.
 */
final class SendingPolicy {

    /** The catalog queue that the SES events topic delivers to; the ingest function consumes it. */
    static final String SES_EVENTS_QUEUE = "delivery-events";

    /**
     * Functions that create SES dedicated IP pools and configuration sets at runtime (with the SES v2 API) and point
     * the configuration sets' event destinations at the SES events topic.
     */
    static final Set<String> SES_POOL_MANAGERS = Set.of("ips-api");

    /** Functions that send mail through SES. */
    static final Set<String> SES_SENDERS = Set.of("sender");

    /** Functions that may encrypt or decrypt mailbox SMTP/IMAP passwords... */
    static final Set<String> MAILBOX_SECRET_USERS = Set.of("mailboxes-api", "sender", "mailbox-warmup", "placement-tests-api");

    /** ...provided the catalog also lets them write the table those encrypted passwords live in. */
    static final String MAILBOX_SECRETS_TABLE = "sending-resources";

    /**
     * Prefix of the SES dedicated IP pools and configuration sets the platform creates: both are named after the
     * pool's id, {@code pool_<20 base62 characters>} ({@code Ids.newId("pool")} in the shared module, used by
     * {@code IpService}; {@code SesPoolProvisioner} names the configuration set after the pool). SES permissions on
     * those resources are limited to this prefix; if the naming changes, change it here too.
     */
    static final String SES_RESOURCE_NAME_PREFIX = "pool_";

    private SendingPolicy() {
    }

    static boolean managesSesPools(FunctionSpec function) {
        return SES_POOL_MANAGERS.contains(function.name());
    }

    static boolean sendsWithSes(FunctionSpec function) {
        return SES_SENDERS.contains(function.name());
    }

    /** Named as a mailbox-secret user and granted read-write on {@value #MAILBOX_SECRETS_TABLE} by the catalog. */
    static boolean usesMailboxSecrets(FunctionSpec function) {
        return MAILBOX_SECRET_USERS.contains(function.name()) && function.tables().stream()
                .anyMatch(grant -> grant.name().equals(MAILBOX_SECRETS_TABLE) && "read-write".equals(grant.access()));
    }
}
