package com.penguinmails.core.platform;

import java.security.SecureRandom;

/** Random identifiers and secrets in base62, so they survive URLs, headers and copy-paste unchanged. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    // SecureRandom, not Platform.random(): ids and secrets must be unguessable and unique, so no test pins them.
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ID_CHARS = 64;

    private Ids() {
    }

    /** A prefixed id such as {@code key_3kTMd9...}: 20 base62 characters, about 119 bits. */
    public static String newId(String prefix) {
        return prefix + "_" + randomBase62(20);
    }

    /**
     * Whether {@code value} could be an id {@link #newId} made with this prefix: the prefix, {@code _}, then base62
     * only (message ids are a little longer, test fixtures shorter). Anything else names nothing of ours, so it is
     * turned away before any store is asked, however long or odd it is.
     */
    public static boolean looksLike(String prefix, String value) {
        if (value == null || value.length() <= prefix.length() + 1 || value.length() > prefix.length() + 1 + MAX_ID_CHARS
                || !value.startsWith(prefix) || value.charAt(prefix.length()) != '_') {
            return false;
        }
        for (int i = prefix.length() + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** {@code length} base62 characters from a CSPRNG (5.95 bits each; 43 characters carry more than 256 bits). */
    public static String randomBase62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
