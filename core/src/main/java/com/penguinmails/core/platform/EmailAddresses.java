package com.penguinmails.core.platform;

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

    /**
     * The same mailbox: local parts equal exactly (RFC 5321 leaves their case to the receiving server), domains
     * equal in any case.
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        int at = a.lastIndexOf('@');
        int bt = b.lastIndexOf('@');
        return at > 0 && bt > 0 && a.substring(0, at).equals(b.substring(0, bt)) && a.substring(at + 1).equalsIgnoreCase(b.substring(bt + 1));
    }

    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
