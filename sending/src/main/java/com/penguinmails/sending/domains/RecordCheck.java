package com.penguinmails.sending.domains;

/** What verification found for one required record. */
public record RecordCheck(DnsRecord record, boolean found, String observed) {
}
