package com.penguinmails.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Key values as a reader can tell them apart without seeing ids: the ids the benchmark created itself (workspace,
 * IPs, pool, mailboxes) by their role ({@code <workspace>}, {@code <ip 3>}), and anything else by its shape: days as
 * {@code <day>}, long numbers as {@code <n>}, other ids as their prefix ({@code msg_…}), hashes as {@code <hash>}, addresses as {@code <email>}.
 */
final class KeyLabels {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HASH = Pattern.compile("\\b[0-9a-f]{32,}\\b");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{6,}");
    private static final Pattern ID = Pattern.compile("\\b([a-z]{2,8})_[A-Za-z0-9]{6,}");

    private final Map<String, String> labels = new ConcurrentHashMap<>();

    void name(String id, String label) {
        labels.put(id, "<" + label + ">");
    }

    String of(String value) {
        if (value == null) {
            return "";
        }
        String shown = value;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            shown = shown.replace(label.getKey(), label.getValue());
        }
        shown = EMAIL.matcher(shown).replaceAll("<email>");
        shown = HASH.matcher(shown).replaceAll("<hash>");
        shown = DAY.matcher(shown).replaceAll("<day>");
        shown = ID.matcher(shown).replaceAll("$1_…");
        return LONG_NUMBER.matcher(shown).replaceAll("<n>");
    }

    String of(DynamoDbUsage.Key key) {
        String table = key.table().replaceFirst("^pm-local-", "");
        return key.sortKey() == null ? table + " " + of(key.partition())
                : table + " " + of(key.partition()) + (key.sortKey().isEmpty() ? "" : " / " + of(key.sortKey()));
    }
}
