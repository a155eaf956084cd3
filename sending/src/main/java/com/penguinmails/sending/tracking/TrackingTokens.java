package com.penguinmails.sending.tracking;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for the public tracking links (open pixel, click redirect, unsubscribe). The token carries what it
 * is for, the workspace, the message and, for clicks, the exact URL that was rewritten, under an HMAC-SHA256.
 * A forged or altered token fails {@link #verify} and the endpoint answers 404 and changes nothing; a click token
 * can only ever redirect to the URL it was made for, so the redirect is never open.
 */
public final class TrackingTokens {

    public enum Kind { OPEN, CLICK, UNSUBSCRIBE }

    public record Claims(Kind kind, String workspaceId, String messageId, String recipient, String url) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final char SEPARATOR = '\n';

    private final byte[] secret;

    public TrackingTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the tracking secret must be at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(Claims claims) {
        String payload = String.join(String.valueOf(SEPARATOR), "v1", claims.kind().name(), claims.workspaceId(), claims.messageId(),
                nullToEmpty(claims.recipient()), nullToEmpty(claims.url()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > 8192) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
            if (parts.length != 6 || !"v1".equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Claims(Kind.valueOf(parts[1]), parts[2], parts[3], emptyToNull(parts[4]), emptyToNull(parts[5])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
