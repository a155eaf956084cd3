package com.penguinmails.local;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The platform-operator key of one local run: shaped like any API key secret ({@code pm_live_} and base62),
 * new on every start unless a data directory keeps it. Only its SHA-256 reaches the authorizer, as it would from a
 * secret in AWS.
 */
public record OperatorKey(String secret) {

    private static final String PREFIX = "pm_live_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // 62^43 > 2^256, so every 32-byte value fits in 43 digits; padding keeps all keys the same length.
    private static final int DIGITS = 43;
    // SecureRandom: this is a secret, never the platform's (pinnable) randomness.
    private static final SecureRandom RANDOM = new SecureRandom();

    public static OperatorKey generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new OperatorKey(PREFIX + base62(bytes));
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes, the form {@code PM_OPERATOR_KEY_SHA256} expects. */
    public String sha256Hex() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String base62(byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(BASE62.length());
        StringBuilder digits = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(base);
            digits.append(BASE62.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        while (digits.length() < DIGITS) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }

    @Override
    public String toString() {
        return "OperatorKey[" + PREFIX + "…]";
    }
}
