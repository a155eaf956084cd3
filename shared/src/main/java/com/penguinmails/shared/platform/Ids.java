package com.penguinmails.shared.platform;

import java.security.SecureRandom;

/** Random identifiers and secrets in base62, so they survive URLs, headers and copy-paste unchanged. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A prefixed id such as {@code key_3kTMd9...}: 20 base62 characters, about 119 bits. */
    public static String newId(String prefix) {
        return prefix + "_" + randomBase62(20);
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
