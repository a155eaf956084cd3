package com.penguinmails.shared.mail;

import java.util.regex.Pattern;

/** A pragmatic address check: one @, a dotted domain, no spaces or angle brackets, at most 254 characters. */
public final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches()
                && !address.contains("..") && address.indexOf('@') <= 64;
    }

    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
