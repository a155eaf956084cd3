package com.penguinmails.identity.apikeys;

import com.penguinmails.core.platform.Hashing;
import com.penguinmails.core.platform.Ids;

/**
 * Secrets look like {@code pm_live_} followed by 43 base62 characters (over 256 bits from a CSPRNG), so secret
 * scanners can recognise a leaked one. Only the SHA-256 is stored: with that much entropy a salt adds nothing,
 * and an unsalted hash lets the authorizer find a key with one GetItem.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "pm_live_";
    private static final int RANDOM_CHARS = 43;
    private static final int DISPLAY_CHARS = PREFIX.length() + 4;

    private ApiKeySecrets() {
    }

    public static String newSecret() {
        return PREFIX + Ids.randomBase62(RANDOM_CHARS);
    }

    public static String hash(String secret) {
        return Hashing.sha256Hex(secret);
    }

    public static String displayPrefix(String secret) {
        return secret.substring(0, DISPLAY_CHARS);
    }

    /** Cheap shape check so malformed input never costs a database read. */
    public static boolean looksValid(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() == PREFIX.length() + RANDOM_CHARS
                && secret.chars().skip(PREFIX.length()).allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }
}
