package com.penguinmails.identity.workspaces.internal;

import com.penguinmails.identity.workspaces.Member;
import com.penguinmails.identity.workspaces.MemberStore;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public final class DynamoDbMemberStore implements MemberStore {

    private final DynamoDbClient dynamoDb;
    private final String membersTable;

    public DynamoDbMemberStore(DynamoDbClient dynamoDb, String membersTable) {
        this.dynamoDb = dynamoDb;
        this.membersTable = membersTable;
    }

    @Override
    public void add(Member member) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("workspaceId", AttributeValue.fromS(member.workspaceId()));
        item.put("memberId", AttributeValue.fromS(member.id()));
        item.put("email", AttributeValue.fromS(member.email()));
        if (member.name() != null) {
            item.put("name", AttributeValue.fromS(member.name()));
        }
        item.put("role", AttributeValue.fromS(member.role().name()));
        item.put("createdAt", AttributeValue.fromN(Long.toString(member.createdAt().toEpochMilli())));
        dynamoDb.putItem(r -> r.tableName(membersTable).item(item).conditionExpression("attribute_not_exists(memberId)"));
    }
}
