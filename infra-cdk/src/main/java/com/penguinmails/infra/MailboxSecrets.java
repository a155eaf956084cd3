package com.penguinmails.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS key that encrypts mailbox SMTP/IMAP passwords before they are stored. Only the functions
 * {@link SendingPolicy#usesMailboxSecrets} picks may use it, and only to encrypt and decrypt.
 *
 * <p>In prod the key outlives the stack: deleting it would make every stored password unreadable.
 */
public final class MailboxSecrets extends Construct {

    /** The key's ARN (KMS accepts it wherever it asks for a key id). */
    public static final String KEY_VARIABLE = "PM_MAILBOX_KMS_KEY_ID";

    public record Props(DeploymentStage stage) {
    }

    private final Key key;

    public MailboxSecrets(Construct scope, String id, Props props) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .description("Encrypts PenguinMails " + props.stage().name() + " mailbox SMTP/IMAP passwords")
                .alias("alias/penguinmails-" + props.stage().name() + "-mailbox-secrets")
                .enableKeyRotation(true)
                .removalPolicy(props.stage().removalPolicy())
                // Only reached when a non-prod stack is deleted; the shortest wait KMS allows.
                .pendingWindow(Duration.days(7))
                .build();
    }

    public Key key() {
        return key;
    }

    /** Lets {@code function} encrypt and decrypt with the key, and tells it which key that is. */
    void allowEncryptDecrypt(CatalogFunction function) {
        function.function().addEnvironment(KEY_VARIABLE, key.getKeyArn());
        key.grant(function.role(), "kms:Encrypt", "kms:Decrypt");
    }
}
