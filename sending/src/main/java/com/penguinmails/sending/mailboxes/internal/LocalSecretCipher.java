package com.penguinmails.sending.mailboxes.internal;

import com.penguinmails.sending.mailboxes.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a key from {@code PM_LOCAL_SECRET_KEY} (base64 of 32 bytes), for the local platform and tests. A
 * fresh random 96-bit IV per value; the workspace id is the associated data, so the 128-bit tag fails for a
 * tampered value and for a value presented in another workspace. Format: {@code local-v1:<base64(iv || ct+tag)>}.
 */
public final class LocalSecretCipher implements SecretCipher {

    public static final String PREFIX = "local-v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // SecureRandom: an AES-GCM IV must never repeat under one key, so it is not the platform's (pinnable) randomness.
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public LocalSecretCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the local secret key must be 32 bytes (AES-256); got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** From the base64 text of {@code PM_LOCAL_SECRET_KEY}. */
    public static LocalSecretCipher fromBase64(String base64Key) {
        try {
            return new LocalSecretCipher(Base64.getDecoder().decode(base64Key.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PM_LOCAL_SECRET_KEY must be the base64 of 32 random bytes: " + e.getMessage(), e);
        }
    }

    /** A new random key, base64 (what the local platform puts in {@code PM_LOCAL_SECRET_KEY} on each start). */
    public static String newBase64Key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String encrypt(String workspaceId, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context(workspaceId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String decrypt(String workspaceId, String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new SecretCipherException("not a " + PREFIX + " ciphertext", null);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("ciphertext is not base64", e);
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("ciphertext is too short", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(context(workspaceId));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretCipherException("ciphertext does not authenticate (tampered, another workspace's, or another key's)", e);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("cannot decrypt: " + e.getMessage(), e);
        }
    }

    private static byte[] context(String workspaceId) {
        return ("workspaceId=" + workspaceId).getBytes(StandardCharsets.UTF_8);
    }
}
