package com.penguinmails.campaigns.outreach.internal;

import com.penguinmails.campaigns.outreach.Enrollment;
import com.penguinmails.campaigns.outreach.EnrollmentStatus;
import com.penguinmails.campaigns.outreach.EnrollmentStore;
import com.penguinmails.campaigns.outreach.StopReason;
import com.penguinmails.core.platform.VersionedItems;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item per contact of a campaign: {@code <workspaceId>#<campaignId>} / contactId, with the thread's Message-IDs
 * as a list, each step's outcome as a map by step number, and a version every write is conditional on.
 */
public final class DynamoDbEnrollmentStore implements EnrollmentStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbEnrollmentStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean create(Enrollment enrollment) {
        return VersionedItems.put(dynamoDb, table, item(enrollment, 1), "contactId", 0);
    }

    @Override
    public Optional<Enrollment> find(String workspaceId, String campaignId, String contactId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, campaignId, contactId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toEnrollment(item));
    }

    @Override
    public boolean write(Enrollment enrollment, long expectedVersion) {
        return VersionedItems.put(dynamoDb, table, item(enrollment, expectedVersion + 1), "contactId", expectedVersion);
    }

    @Override
    public List<Enrollment> all(String workspaceId, String campaignId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("campaignKey = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(workspaceId + "#" + campaignId))))
                .items().stream().map(DynamoDbEnrollmentStore::toEnrollment).toList();
    }

    private static Map<String, AttributeValue> key(String workspaceId, String campaignId, String contactId) {
        return Map.of("campaignKey", AttributeValue.fromS(workspaceId + "#" + campaignId), "contactId", AttributeValue.fromS(contactId));
    }

    private static Map<String, AttributeValue> item(Enrollment e, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.workspaceId(), e.campaignId(), e.contactId()));
        item.put("workspaceId", AttributeValue.fromS(e.workspaceId()));
        item.put("campaignId", AttributeValue.fromS(e.campaignId()));
        item.put("email", AttributeValue.fromS(e.email()));
        item.put("nextStep", AttributeValue.fromN(Integer.toString(e.nextStep())));
        if (e.dueAt() != null) {
            item.put("dueAt", AttributeValue.fromS(e.dueAt().toString()));
        }
        item.put("status", AttributeValue.fromS(e.status().wireName()));
        if (e.stopReason() != null) {
            item.put("stopReason", AttributeValue.fromS(e.stopReason().wireName()));
        }
        if (e.mailbox() != null) {
            item.put("mailbox", AttributeValue.fromS(e.mailbox()));
        }
        if (!e.threadIds().isEmpty()) {
            item.put("threadIds", AttributeValue.fromL(e.threadIds().stream().map(AttributeValue::fromS).toList()));
        }
        if (e.firstSubject() != null) {
            item.put("firstSubject", AttributeValue.fromS(e.firstSubject()));
        }
        item.put("opened", AttributeValue.fromBool(e.opened()));
        item.put("clicked", AttributeValue.fromBool(e.clicked()));
        if (!e.outcomes().isEmpty()) {
            Map<String, AttributeValue> outcomes = new LinkedHashMap<>();
            e.outcomes().forEach((step, outcome) -> outcomes.put(Integer.toString(step), AttributeValue.fromS(outcome)));
            item.put("outcomes", AttributeValue.fromM(outcomes));
        }
        item.put("updatedAt", AttributeValue.fromS(e.updatedAt().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static Enrollment toEnrollment(Map<String, AttributeValue> item) {
        Map<Integer, String> outcomes = new LinkedHashMap<>();
        if (item.containsKey("outcomes")) {
            item.get("outcomes").m().forEach((step, outcome) -> outcomes.put(Integer.parseInt(step), outcome.s()));
        }
        return new Enrollment(item.get("workspaceId").s(), item.get("campaignId").s(), item.get("contactId").s(), item.get("email").s(),
                Integer.parseInt(item.get("nextStep").n()), item.containsKey("dueAt") ? Instant.parse(item.get("dueAt").s()) : null,
                EnrollmentStatus.fromWire(item.get("status").s()),
                item.containsKey("stopReason") ? StopReason.fromWire(item.get("stopReason").s()) : null,
                item.containsKey("mailbox") ? item.get("mailbox").s() : null,
                item.containsKey("threadIds") ? item.get("threadIds").l().stream().map(AttributeValue::s).toList() : List.of(),
                item.containsKey("firstSubject") ? item.get("firstSubject").s() : null,
                item.get("opened").bool(), item.get("clicked").bool(), outcomes, Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()));
    }
}
