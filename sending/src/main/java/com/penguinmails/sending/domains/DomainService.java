package com.penguinmails.sending.domains;

import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sending domains: the records to publish (SPF and MX for a custom MAIL FROM, three DKIM CNAMEs, DMARC, a
 * tracking CNAME) and verification against DNS. SPF, DKIM, DMARC and MAIL FROM are required (the Gmail/Yahoo
 * bulk-sender rules); the tracking CNAME is optional (links fall back to the platform's tracking host).
 */
public final class DomainService {

    private static final Pattern DOMAIN = Pattern.compile("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    /** Where this deployment's mail and tracking live: SES's hosts in the region, our tracking host. */
    public record SendingEndpoints(String region, String trackingHost) {}

    private final DomainStore store;
    private final DnsResolver dns;
    private final AuditRecorder audit;
    private final Clock clock;
    private final SendingEndpoints endpoints;

    public DomainService(DomainStore store, DnsResolver dns, AuditRecorder audit, Clock clock, SendingEndpoints endpoints) {
        this.store = store;
        this.dns = dns;
        this.audit = audit;
        this.clock = clock;
        this.endpoints = endpoints;
    }

    public Domain create(Caller caller, String name) {
        String domainName = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (domainName.endsWith(".")) {
            domainName = domainName.substring(0, domainName.length() - 1);
        }
        if (!DOMAIN.matcher(domainName).matches()) {
            throw ApiProblem.invalidField("name", "'" + name + "' is not a domain name such as mail.example.com.");
        }
        Domain domain = new Domain(domainName, caller.principal().workspaceId(), Domain.Status.PENDING, requiredRecords(domainName),
                List.of(), clock.instant(), null, null);
        if (!store.create(domain)) {
            throw ApiProblem.conflict("domain-exists", "This workspace already has the domain " + domainName + ".");
        }
        audit.success(caller, "domain.created", domainName, Map.of());
        return domain;
    }

    /** Whether {@code name} is a domain name as {@link #create} stores it (any case): what a domain's id can be. */
    public static boolean isDomainName(String name) {
        return name != null && name.length() <= 253 && DOMAIN.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    public Domain get(String workspaceId, String domainId) {
        return store.find(workspaceId, domainId.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiProblem.notFound("No domain " + domainId + " in this workspace."));
    }

    public Page<Domain> list(String workspaceId, String afterPosition, int limit) {
        return store.list(workspaceId, afterPosition, limit);
    }

    /** Looks every record up in DNS; VERIFIED when all required ones are there, else FAILED with what was seen. */
    public Domain verify(Caller caller, String domainId) {
        Domain domain = get(caller.principal().workspaceId(), domainId);
        List<RecordCheck> checks = new ArrayList<>();
        boolean allRequired = true;
        for (DnsRecord record : domain.records()) {
            RecordCheck check = check(record);
            checks.add(check);
            if (!check.found() && record.purpose() != DnsRecord.Purpose.TRACKING) {
                allRequired = false;
            }
        }
        Instant now = clock.instant();
        Domain checked = new Domain(domain.id(), domain.workspaceId(), allRequired ? Domain.Status.VERIFIED : Domain.Status.FAILED,
                domain.records(), checks, domain.createdAt(), allRequired ? (domain.verifiedAt() == null ? now : domain.verifiedAt()) : null, now);
        store.save(checked);
        audit.success(caller, "domain.verified", domain.id(), Map.of("status", checked.status().name()));
        return checked;
    }

    /** Whether mail may be sent from {@code domainName} by this workspace. */
    public boolean isVerified(String workspaceId, String domainName) {
        return store.find(workspaceId, domainName.toLowerCase(Locale.ROOT)).map(d -> d.status() == Domain.Status.VERIFIED).orElse(false);
    }

    private RecordCheck check(DnsRecord record) {
        return switch (record.type()) {
            case "TXT" -> {
                List<String> values = dns.txt(record.name());
                boolean found = switch (record.purpose()) {
                    // Customers may already have an SPF or DMARC record with more in it; what matters is that it covers us.
                    case SPF -> values.stream().anyMatch(v -> v.startsWith("v=spf1") && v.contains("include:amazonses.com"));
                    case DMARC -> values.stream().anyMatch(v -> v.startsWith("v=DMARC1"));
                    default -> values.contains(record.value());
                };
                yield new RecordCheck(record, found, String.join(" | ", values));
            }
            case "CNAME" -> {
                List<String> values = dns.cname(record.name());
                yield new RecordCheck(record, values.stream().anyMatch(v -> v.equalsIgnoreCase(record.value())), String.join(" | ", values));
            }
            case "MX" -> {
                List<String> values = dns.mx(record.name());
                yield new RecordCheck(record, values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).endsWith(" " + record.value())),
                        String.join(" | ", values));
            }
            default -> throw new IllegalStateException("unknown record type " + record.type());
        };
    }

    private List<DnsRecord> requiredRecords(String domain) {
        List<DnsRecord> records = new ArrayList<>();
        String mailFrom = "bounce." + domain;
        records.add(new DnsRecord(DnsRecord.Purpose.MAIL_FROM_MX, "MX", mailFrom, "feedback-smtp." + endpoints.region() + ".amazonses.com", 10));
        records.add(new DnsRecord(DnsRecord.Purpose.SPF, "TXT", mailFrom, "v=spf1 include:amazonses.com ~all", null));
        for (int i = 0; i < 3; i++) {
            String token = Ids.randomBase62(32).toLowerCase(Locale.ROOT);
            records.add(new DnsRecord(DnsRecord.Purpose.DKIM, "CNAME", token + "._domainkey." + domain, token + ".dkim.amazonses.com", null));
        }
        records.add(new DnsRecord(DnsRecord.Purpose.DMARC, "TXT", "_dmarc." + domain, "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + domain, null));
        records.add(new DnsRecord(DnsRecord.Purpose.TRACKING, "CNAME", "track." + domain, endpoints.trackingHost(), null));
        return records;
    }
}
