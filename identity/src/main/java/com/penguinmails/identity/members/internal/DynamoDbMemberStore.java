package com.penguinmails.identity.members.internal;

import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberStatus;
import com.penguinmails.identity.members.MemberStore;
import com.penguinmails.identity.members.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per member (workspaceId / memberId), times as epoch millis. Items written before members had a status
 * or a version read as active, version 0.
 */
public final class DynamoDbMemberStore implements MemberStore {

    private final DynamoDbClient dynamoDb;
    private final String membersTable;

    public DynamoDbMemberStore(DynamoDbClient dynamoDb, String membersTable) {
        this.dynamoDb = dynamoDb;
        this.membersTable = membersTable;
    }

    @Override
    public void add(Member member) {
        Map<String, AttributeValue> item = item(member, 1);
        dynamoDb.putItem(r -> r.tableName(membersTable).item(item).conditionExpression("attribute_not_exists(memberId)"));
    }

    @Override
    public Optional<Member> find(String workspaceId, String memberId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(membersTable).consistentRead(true)
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "memberId", AttributeValue.fromS(memberId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toMember(item));
    }

    @Override
    public List<Member> all(String workspaceId) {
        return dynamoDb.queryPaginator(r -> r.tableName(membersTable).keyConditionExpression("workspaceId = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId))).consistentRead(true))
                .items().stream().map(DynamoDbMemberStore::toMember).toList();
    }

    @Override
    public boolean write(Member member, long expectedVersion) {
        Map<String, AttributeValue> item = item(member, expectedVersion + 1);
        try {
            dynamoDb.putItem(r -> r.tableName(membersTable).item(item)
                    .conditionExpression(expectedVersion == 0 ? "attribute_exists(memberId) AND attribute_not_exists(version)" : "version = :v")
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Member member, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(member.workspaceId()));
        item.put("memberId", AttributeValue.fromS(member.id()));
        item.put("email", AttributeValue.fromS(member.email()));
        if (member.name() != null) {
            item.put("name", AttributeValue.fromS(member.name()));
        }
        item.put("role", AttributeValue.fromS(member.role().name()));
        item.put("status", AttributeValue.fromS(member.status().name()));
        if (member.invitedBy() != null) {
            item.put("invitedBy", AttributeValue.fromS(member.invitedBy()));
        }
        if (member.invitationHash() != null) {
            item.put("invitationHash", AttributeValue.fromS(member.invitationHash()));
            item.put("invitationExpiresAt", millis(member.invitationExpiresAt()));
        }
        item.put("createdAt", millis(member.createdAt()));
        item.put("updatedAt", millis(member.updatedAt() == null ? member.createdAt() : member.updatedAt()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    private static Instant instant(AttributeValue value) {
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }

    private static Member toMember(Map<String, AttributeValue> item) {
        return new Member(item.get("memberId").s(), item.get("workspaceId").s(), item.get("email").s(),
                item.containsKey("name") ? item.get("name").s() : null, Role.valueOf(item.get("role").s()),
                item.containsKey("status") ? MemberStatus.valueOf(item.get("status").s()) : MemberStatus.ACTIVE,
                item.containsKey("invitedBy") ? item.get("invitedBy").s() : null,
                item.containsKey("invitationHash") ? item.get("invitationHash").s() : null, instant(item.get("invitationExpiresAt")),
                instant(item.get("createdAt")), item.containsKey("updatedAt") ? instant(item.get("updatedAt")) : instant(item.get("createdAt")),
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0);
    }
}
