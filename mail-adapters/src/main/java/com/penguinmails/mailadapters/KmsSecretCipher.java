package com.penguinmails.mailadapters;

import com.penguinmails.sending.mailboxes.SecretCipher;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * AWS KMS Encrypt/Decrypt under the key in {@code PM_MAILBOX_KMS_KEY_ID}, with {@code workspaceId} as encryption
 * context (KMS refuses to decrypt under any other context, and CloudTrail logs it with each use). Passwords are far
 * below KMS's 4 KB plaintext limit, so no envelope encryption is needed. Format: {@code kms-v1:<base64 blob>}.
 *
 * <p>Not tested here: there is no KMS stand-in in the embedded services (dynalite, ElasticMQ, GreenMail), and the
 * local platform uses {@link LocalSecretCipher}, which is. The function roles also need {@code kms:Encrypt} /
 * {@code kms:Decrypt} on the key, which the catalog cannot express yet.
 */
public final class KmsSecretCipher implements SecretCipher {

    public static final String PREFIX = "kms-v1:";
    private static final String CONTEXT_KEY = "workspaceId";

    private final KmsClient kms;
    private final String keyId;

    public KmsSecretCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String encrypt(String workspaceId, String plaintext) {
        var response = kms.encrypt(r -> r.keyId(keyId).encryptionContext(Map.of(CONTEXT_KEY, workspaceId))
                .plaintext(SdkBytes.fromString(plaintext, StandardCharsets.UTF_8)));
        return PREFIX + Base64.getEncoder().encodeToString(response.ciphertextBlob().asByteArray());
    }

    @Override
    public String decrypt(String workspaceId, String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new SecretCipherException("not a " + PREFIX + " ciphertext", null);
        }
        try {
            byte[] blob = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
            return kms.decrypt(r -> r.keyId(keyId).encryptionContext(Map.of(CONTEXT_KEY, workspaceId))
                    .ciphertextBlob(SdkBytes.fromByteArray(blob))).plaintext().asUtf8String();
        } catch (InvalidCiphertextException e) {
            throw new SecretCipherException("KMS refused the ciphertext (tampered, or another workspace's)", e);
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("ciphertext is not base64", e);
        } catch (KmsException e) {
            if (e.statusCode() == 400) {
                throw new SecretCipherException("KMS refused the ciphertext: " + e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
        }
    }
}
