package com.penguinmails.sending.mailboxes;

/**
 * Encrypts the secrets we must be able to use again (a mailbox's SMTP and IMAP passwords), as opposed to API keys,
 * which are only ever hashed. The workspace id is bound to every value as encryption context (AES-GCM associated
 * data locally, the KMS encryption context in AWS), so a ciphertext copied into another workspace's item does not
 * decrypt there.
 */
public interface SecretCipher {

    /** A printable ciphertext (prefixed with its scheme, e.g. {@code local-v1:} or {@code kms-v1:}). */
    String encrypt(String workspaceId, String plaintext);

    /** The plaintext; {@link SecretCipherException} if the value was tampered with or belongs to another workspace. */
    String decrypt(String workspaceId, String ciphertext);

    /** A ciphertext that does not decrypt: tampered, another workspace's, another key's, or not ours at all. */
    final class SecretCipherException extends RuntimeException {
        public SecretCipherException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * For functions started without a key: fails only when a secret is actually used, so functions that never touch
     * a mailbox secret still start.
     */
    static SecretCipher unavailable(String why) {
        return new SecretCipher() {
            @Override
            public String encrypt(String workspaceId, String plaintext) {
                throw new IllegalStateException(why);
            }

            @Override
            public String decrypt(String workspaceId, String ciphertext) {
                throw new IllegalStateException(why);
            }
        };
    }
}
