package com.penguinmails.sending.mailboxes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxStore;
import com.penguinmails.sending.mailboxes.Pacing;
import com.penguinmails.sending.mailboxes.SendingWindow;
import com.penguinmails.sending.mailboxes.ServerSettings;
import com.penguinmails.sending.mailboxes.SmtpServerSettings;
import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Mailboxes in the sending-resources table, next to IPs and pools: partition = workspace, sort key
 * {@code mailbox#<id>}. Settings, window, plan and warmup state are JSON attributes guarded by {@code version}.
 *
 * <p>The pacing ({@code nextSendNotBefore}, {@code slotCursor}, {@code nextWarmupAt}, epoch millis), which every send
 * rewrites with a conditional update, is an item of its own in the send-ledger table: partition = the mailbox id (the
 * partition of the mailbox's ledger rows), sort key {@value #PACING_ITEM}. On the mailbox's row it put every send of
 * a workspace on one partition key: a workspace sending a million emails an hour through its mailboxes would write
 * it some 500 times a second. {@value #PACING_ITEM} sorts after every ISO day, so the ledger's day-range queries never
 * see the item. Rows written before the move still carry their pacing attributes: {@link #find} reads them, and they
 * hold until the mailbox's next send writes its item ({@link MailboxStore#findPacing}).
 */
public final class DynamoDbMailboxStore implements MailboxStore {

    private static final String PREFIX = "mailbox#";
    private static final String[] PACING = {"nextSendNotBefore", "slotCursor", "nextWarmupAt"};
    /** The pacing item's sort key (the ledger's {@code day}): letters sort after the digits of every ISO day. */
    static final String PACING_ITEM = "pacing";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String pacingTable;

    /**
     * @param table       sending-resources
     * @param pacingTable send-ledger (partition key {@code resourceId}, sort key {@code day}); null for a function
     *                    that only reads mailboxes' settings and is granted no access to it (the messages API):
     *                    then the pacing calls fail
     */
    public DynamoDbMailboxStore(DynamoDbClient dynamoDb, String table, String pacingTable) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.pacingTable = pacingTable;
    }

    @Override
    public void create(Mailbox mailbox) {
        Map<String, AttributeValue> item = new HashMap<>(key(mailbox.workspaceId(), mailbox.id()));
        item.putAll(settings(mailbox, 1));
        item.put("createdAt", AttributeValue.fromN(Long.toString(mailbox.createdAt().toEpochMilli())));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(resourceKey)"));
    }

    @Override
    public Optional<Mailbox> find(String workspaceId, String mailboxId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(workspaceId, mailboxId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toMailbox(item));
    }

    @Override
    public List<Mailbox> list(String workspaceId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("workspaceId = :ws AND begins_with(resourceKey, :prefix)")
                        .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(workspaceId), ":prefix", AttributeValue.fromS(PREFIX))))
                .items().stream().map(DynamoDbMailboxStore::toMailbox).toList();
    }

    @Override
    public boolean save(Mailbox mailbox) {
        Map<String, AttributeValue> values = settings(mailbox, mailbox.version() + 1);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> expressionValues = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
            names.put("#a" + i, entry.getKey());
            expressionValues.put(":a" + i, entry.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        String update = "SET " + String.join(", ", sets) + (mailbox.imap() == null ? " REMOVE imap" : "");
        names.put("#version", "version");
        expressionValues.put(":expected", AttributeValue.fromN(Long.toString(mailbox.version())));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(mailbox.workspaceId(), mailbox.id()))
                    .updateExpression(update)
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(names).expressionAttributeValues(expressionValues));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Pacing> findPacing(String mailboxId) {
        String ledgerTable = pacingTable();
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(ledgerTable).consistentRead(true).key(pacingKey(mailboxId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(pacing(item));
    }

    @Override
    public boolean updatePacing(String mailboxId, Pacing expected, Pacing next) {
        String ledgerTable = pacingTable();
        Instant[] before = {expected.nextSendNotBefore(), expected.slotCursor(), expected.nextWarmupAt()};
        Instant[] after = {next.nextSendNotBefore(), next.slotCursor(), next.nextWarmupAt()};
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> equal = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (int i = 0; i < PACING.length; i++) {
            String name = "#p" + i;
            names.put(name, PACING[i]);
            if (before[i] == null) {
                equal.add("attribute_not_exists(" + name + ")");
            } else {
                equal.add(name + " = :e" + i);
                values.put(":e" + i, millis(before[i]));
            }
            if (after[i] == null) {
                removes.add(name);
            } else {
                sets.add(name + " = :n" + i);
                values.put(":n" + i, millis(after[i]));
            }
        }
        // No item yet: expected is the mailbox row's old pacing, and the first write creates the item.
        String condition = "attribute_not_exists(resourceId) OR (" + String.join(" AND ", equal) + ")";
        String update = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets)) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamoDb.updateItem(r -> r.tableName(ledgerTable).key(pacingKey(mailboxId))
                    .updateExpression(update.strip())
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void forEach(Consumer<Mailbox> action) {
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .filterExpression("begins_with(resourceKey, :prefix)")
                    .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(PREFIX)))
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> action.accept(toMailbox(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private String pacingTable() {
        if (pacingTable == null) {
            throw new IllegalStateException("this mailbox store reads settings only: it was given no table for the pacing");
        }
        return pacingTable;
    }

    private static Map<String, AttributeValue> pacingKey(String mailboxId) {
        return Map.of("resourceId", AttributeValue.fromS(mailboxId), "day", AttributeValue.fromS(PACING_ITEM));
    }

    /** The pacing attributes of an item: the pacing item, or a mailbox row written before the move. */
    private static Pacing pacing(Map<String, AttributeValue> item) {
        return new Pacing(instant(item, PACING[0]), instant(item, PACING[1]), instant(item, PACING[2]));
    }

    private static Map<String, AttributeValue> key(String workspaceId, String mailboxId) {
        return Map.of("workspaceId", AttributeValue.fromS(workspaceId), "resourceKey", AttributeValue.fromS(PREFIX + mailboxId));
    }

    /** Everything but the keys, createdAt and pacing. */
    private static Map<String, AttributeValue> settings(Mailbox m, long version) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("email", AttributeValue.fromS(m.email()));
        if (!m.aliases().isEmpty()) {
            item.put("aliases", AttributeValue.fromL(m.aliases().stream().map(AttributeValue::fromS).toList()));
        }
        if (m.name() != null) {
            item.put("name", AttributeValue.fromS(m.name()));
        }
        item.put("smtp", AttributeValue.fromS(json(m.smtp())));
        if (m.imap() != null) {
            item.put("imap", AttributeValue.fromS(json(m.imap())));
        }
        item.put("window", AttributeValue.fromS(json(m.window())));
        item.put("plan", AttributeValue.fromS(json(m.plan())));
        item.put("warmup", AttributeValue.fromS(json(m.warmup())));
        item.put("warmupEnabled", AttributeValue.fromBool(m.warmupEnabled()));
        item.put("replyRate", AttributeValue.fromN(Double.toString(m.replyRate())));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static Mailbox toMailbox(Map<String, AttributeValue> item) {
        try {
            return new Mailbox(item.get("resourceKey").s().substring(PREFIX.length()), item.get("workspaceId").s(), item.get("email").s(),
                    item.containsKey("aliases") ? item.get("aliases").l().stream().map(AttributeValue::s).toList() : List.of(),
                    item.containsKey("name") ? item.get("name").s() : null,
                    Json.STORAGE.readValue(item.get("smtp").s(), SmtpServerSettings.class),
                    item.containsKey("imap") ? Json.STORAGE.readValue(item.get("imap").s(), ServerSettings.class) : null,
                    Json.STORAGE.readValue(item.get("window").s(), SendingWindow.class),
                    Json.STORAGE.readValue(item.get("plan").s(), MailboxWarmupPlan.class),
                    Json.STORAGE.readValue(item.get("warmup").s(), WarmupState.class),
                    Boolean.TRUE.equals(item.get("warmupEnabled").bool()),
                    Double.parseDouble(item.get("replyRate").n()),
                    Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())),
                    Long.parseLong(item.get("version").n()),
                    pacing(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt mailbox item " + item.get("resourceKey"), e);
        }
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    private static String json(Object value) {
        try {
            return Json.STORAGE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
