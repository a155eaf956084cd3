package com.penguinmails.campaigns.contacts.internal;

import com.penguinmails.campaigns.contacts.Consent;
import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactFilter;
import com.penguinmails.campaigns.contacts.ContactStatus;
import com.penguinmails.campaigns.contacts.ContactStore;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.VersionedItems;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One item per contact (workspaceId / contactId): tags a string set, custom fields a map, consents a list, and a
 * version every write is conditional on. A segment is read as a query of the workspace's partition filtered on
 * tags and fields, so it costs the partition's size, not the matches'.
 */
public final class DynamoDbContactStore implements ContactStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbContactStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<Contact> find(String workspaceId, String contactId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, contactId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toContact(item));
    }

    @Override
    public Map<String, Contact> findAll(String workspaceId, Collection<String> contactIds) {
        Map<String, Contact> found = new HashMap<>();
        if (contactIds.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = contactIds.stream().distinct().map(id -> key(workspaceId, id)).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; attempt < 8; attempt++) {
            Map<String, KeysAndAttributes> asked = request;
            var response = dynamoDb.batchGetItem(r -> r.requestItems(asked));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                Contact contact = toContact(item);
                found.put(contact.id(), contact);
            });
            if (response.unprocessedKeys() == null || response.unprocessedKeys().isEmpty()) {
                return found;
            }
            request = response.unprocessedKeys();
        }
        // Unprocessed keys after the retries are read one by one rather than reported missing.
        for (String id : contactIds) {
            if (!found.containsKey(id)) {
                find(workspaceId, id).ifPresent(c -> found.put(id, c));
            }
        }
        return found;
    }

    @Override
    public boolean write(Contact contact, long expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key(contact.workspaceId(), contact.id()));
        item.put("email", AttributeValue.fromS(contact.email()));
        putIfSet(item, "firstName", contact.firstName());
        putIfSet(item, "lastName", contact.lastName());
        putIfSet(item, "company", contact.company());
        if (contact.timeZone() != null) {
            item.put("timeZone", AttributeValue.fromS(contact.timeZone().getId()));
        }
        if (!contact.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromSs(new ArrayList<>(contact.tags())));
        }
        if (!contact.fields().isEmpty()) {
            Map<String, AttributeValue> fields = new LinkedHashMap<>();
            contact.fields().forEach((name, value) -> fields.put(name, AttributeValue.fromS(value)));
            item.put("fields", AttributeValue.fromM(fields));
        }
        if (!contact.consents().isEmpty()) {
            item.put("consents", AttributeValue.fromL(contact.consents().stream().map(c -> AttributeValue.fromM(Map.of(
                    "source", AttributeValue.fromS(c.source()), "collectedAt", AttributeValue.fromS(c.collectedAt().toString()),
                    "text", AttributeValue.fromS(c.text())))).toList()));
        }
        item.put("status", AttributeValue.fromS(contact.status().wireName()));
        item.put("createdAt", AttributeValue.fromS(contact.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(contact.updatedAt().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        return VersionedItems.put(dynamoDb, table, item, "contactId", expectedVersion);
    }

    @Override
    public Page<Contact> list(String workspaceId, ContactFilter filter, String afterId, int limit) {
        List<Contact> contacts = new ArrayList<>();
        Map<String, AttributeValue> start = afterId == null ? null : key(workspaceId, afterId);
        // Filtered queries may answer short pages; read on until the page is full or the partition ends.
        while (contacts.size() < limit) {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamoDb.query(r -> r.tableName(table).keyConditionExpression("workspaceId = :w")
                    .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId))).exclusiveStartKey(from)
                    .limit(Math.max(limit, 100)));
            for (Map<String, AttributeValue> item : response.items()) {
                Contact contact = toContact(item);
                if (filter.matches(contact)) {
                    contacts.add(contact);
                    if (contacts.size() == limit) {
                        return new Page<>(contacts, contact.id());
                    }
                }
            }
            if (response.lastEvaluatedKey() == null || response.lastEvaluatedKey().isEmpty()) {
                return new Page<>(contacts, null);
            }
            start = response.lastEvaluatedKey();
        }
        return new Page<>(contacts, null);
    }

    private static Map<String, AttributeValue> key(String workspaceId, String contactId) {
        return Map.of("workspaceId", AttributeValue.fromS(workspaceId), "contactId", AttributeValue.fromS(contactId));
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Contact toContact(Map<String, AttributeValue> item) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (item.containsKey("fields")) {
            item.get("fields").m().forEach((name, value) -> fields.put(name, value.s()));
        }
        List<Consent> consents = item.containsKey("consents") ? item.get("consents").l().stream()
                .map(c -> new Consent(c.m().get("source").s(), Instant.parse(c.m().get("collectedAt").s()), c.m().get("text").s())).toList()
                : List.of();
        return Contact.builder().id(item.get("contactId").s()).workspaceId(item.get("workspaceId").s()).email(item.get("email").s())
                .firstName(text(item, "firstName")).lastName(text(item, "lastName")).company(text(item, "company"))
                .timeZone(item.containsKey("timeZone") ? ZoneId.of(item.get("timeZone").s()) : null)
                .tags(item.containsKey("tags") ? Set.copyOf(item.get("tags").ss()) : Set.of()).fields(fields).consents(consents)
                .status(ContactStatus.fromWire(item.get("status").s())).createdAt(Instant.parse(item.get("createdAt").s()))
                .updatedAt(Instant.parse(item.get("updatedAt").s())).version(Long.parseLong(item.get("version").n())).build();
    }
}
