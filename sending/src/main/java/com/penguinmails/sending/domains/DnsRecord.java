package com.penguinmails.sending.domains;

/**
 * A record the customer publishes at their DNS host. {@code purpose}: SPF, DKIM, DMARC, MAIL_FROM_MX, TRACKING.
 * For TXT records {@code value} must be present among the name's TXT strings; for CNAME and MX it must match.
 */
public record DnsRecord(Purpose purpose, String type, String name, String value, Integer priority) {

    public enum Purpose { SPF, DKIM, DMARC, MAIL_FROM_MX, TRACKING }
}
