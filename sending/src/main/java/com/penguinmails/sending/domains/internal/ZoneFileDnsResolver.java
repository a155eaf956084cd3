package com.penguinmails.sending.domains.internal;

import com.penguinmails.sending.domains.DnsRecord;
import com.penguinmails.sending.domains.DnsResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers DNS questions from a plain zone file, one record per line: {@code <name> <TYPE> <value>}, with MX
 * values as {@code <priority> <host>}, TXT values in double quotes, and {@code ;} starting a comment. Re-read on
 * every lookup so edits take effect at once. Example:
 * <pre>
 * example.com            TXT   "v=spf1 include:amazonses.com ~all"
 * abc._domainkey.example.com CNAME abc.dkim.amazonses.com
 * mail.example.com       MX    10 feedback-smtp.us-east-1.amazonses.com
 * </pre>
 */
public final class ZoneFileDnsResolver implements DnsResolver {

    private final Path zoneFile;

    public ZoneFileDnsResolver(Path zoneFile) {
        this.zoneFile = zoneFile;
    }

    @Override
    public List<String> txt(String name) {
        return lookup(name, "TXT").stream().map(v -> v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2
                ? v.substring(1, v.length() - 1) : v).toList();
    }

    @Override
    public List<String> cname(String name) {
        return lookup(name, "CNAME").stream().map(ZoneFileDnsResolver::withoutDot).toList();
    }

    @Override
    public List<String> mx(String name) {
        return lookup(name, "MX").stream().map(ZoneFileDnsResolver::withoutDot).toList();
    }

    /** Appends records, as if the user had added them at their DNS host; serialised so concurrent publishes don't interleave. */
    public synchronized void publish(List<DnsRecord> records) {
        StringBuilder lines = new StringBuilder();
        for (DnsRecord r : records) {
            String value = switch (r.type()) {
                case "TXT" -> "\"" + r.value() + "\"";
                case "MX" -> r.priority() + " " + r.value();
                default -> r.value();
            };
            lines.append(r.name()).append(' ').append(r.type()).append(' ').append(value).append('\n');
        }
        try {
            if (zoneFile.getParent() != null) {
                Files.createDirectories(zoneFile.getParent());
            }
            Files.writeString(zoneFile, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path zoneFile() {
        return zoneFile;
    }

    private synchronized List<String> lookup(String name, String type) {
        if (!Files.exists(zoneFile)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(zoneFile, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 3);
                if (parts.length == 3 && withoutDot(parts[0]).equalsIgnoreCase(withoutDot(name))
                        && parts[1].toUpperCase(Locale.ROOT).equals(type)) {
                    values.add(parts[2].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static String withoutDot(String value) {
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}
