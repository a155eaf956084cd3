package com.penguinmails.identity.approvals.internal;

import com.penguinmails.core.platform.VersionedItems;
import com.penguinmails.identity.approvals.Approval;
import com.penguinmails.identity.approvals.ApprovalPolicy;
import com.penguinmails.identity.approvals.ApprovalStatus;
import com.penguinmails.identity.approvals.ApprovalStore;
import com.penguinmails.identity.approvals.Decision;
import com.penguinmails.identity.approvals.GuardedAction;
import com.penguinmails.identity.members.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A workspace's policies ({@code policy#<action>}) and requests ({@code apr_...}, ordered by creation, so the newest
 * come first in a reverse query) in one partition; a request's decisions are a list, each write conditional on its
 * version.
 */
public final class DynamoDbApprovalStore implements ApprovalStore {

    private static final String POLICY = "policy#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbApprovalStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void putPolicy(ApprovalPolicy policy) {
        Map<String, AttributeValue> item = new HashMap<>(key(policy.workspaceId(), POLICY + policy.action().wireName()));
        item.put("approverRoles", AttributeValue.fromSs(policy.approverRoles().stream().map(Role::name).toList()));
        item.put("quorum", AttributeValue.fromN(Integer.toString(policy.quorum())));
        item.put("expiresAfterSeconds", AttributeValue.fromN(Long.toString(policy.expiresAfter().toSeconds())));
        item.put("threshold", AttributeValue.fromN(Long.toString(policy.threshold())));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<ApprovalPolicy> policy(String workspaceId, GuardedAction action) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, POLICY + action.wireName())).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPolicy(item));
    }

    @Override
    public List<ApprovalPolicy> policies(String workspaceId) {
        return dynamoDb.query(r -> r.tableName(table).keyConditionExpression("workspaceId = :w AND begins_with(itemKey, :p)")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId), ":p", AttributeValue.fromS(POLICY))).consistentRead(true))
                .items().stream().map(DynamoDbApprovalStore::toPolicy).toList();
    }

    @Override
    public void deletePolicy(String workspaceId, GuardedAction action) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(workspaceId, POLICY + action.wireName())));
    }

    @Override
    public void create(Approval approval) {
        if (!VersionedItems.put(dynamoDb, table, item(approval, 1), "itemKey", 0)) {
            throw new IllegalStateException("approval " + approval.id() + " exists");
        }
    }

    @Override
    public Optional<Approval> find(String workspaceId, String approvalId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(workspaceId, approvalId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toApproval(item));
    }

    @Override
    public boolean write(Approval approval, long expectedVersion) {
        return VersionedItems.put(dynamoDb, table, item(approval, expectedVersion + 1), "itemKey", expectedVersion);
    }

    @Override
    public List<Approval> recent(String workspaceId, int limit) {
        return dynamoDb.query(r -> r.tableName(table).keyConditionExpression("workspaceId = :w AND begins_with(itemKey, :p)")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workspaceId), ":p", AttributeValue.fromS("apr_")))
                        .scanIndexForward(false).limit(limit).consistentRead(true))
                .items().stream().map(DynamoDbApprovalStore::toApproval).toList();
    }

    private static Map<String, AttributeValue> key(String workspaceId, String itemKey) {
        return Map.of("workspaceId", AttributeValue.fromS(workspaceId), "itemKey", AttributeValue.fromS(itemKey));
    }

    private static Map<String, AttributeValue> item(Approval a, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.workspaceId(), a.id()));
        item.put("action", AttributeValue.fromS(a.action().wireName()));
        Map<String, AttributeValue> parameters = new LinkedHashMap<>();
        a.parameters().forEach((k, v) -> parameters.put(k, AttributeValue.fromS(v)));
        item.put("parameters", AttributeValue.fromM(parameters));
        item.put("summary", AttributeValue.fromS(a.summary()));
        item.put("requestedBy", AttributeValue.fromS(a.requestedBy()));
        if (a.requesterMemberId() != null) {
            item.put("requesterMemberId", AttributeValue.fromS(a.requesterMemberId()));
        }
        item.put("approverRoles", AttributeValue.fromSs(a.approverRoles().stream().map(Role::name).toList()));
        item.put("quorum", AttributeValue.fromN(Integer.toString(a.quorum())));
        item.put("status", AttributeValue.fromS(a.status().name()));
        item.put("decisions", AttributeValue.fromL(a.decisions().stream().map(d -> {
            Map<String, AttributeValue> decision = new HashMap<>();
            decision.put("memberId", AttributeValue.fromS(d.memberId()));
            decision.put("actor", AttributeValue.fromS(d.actor()));
            decision.put("approved", AttributeValue.fromBool(d.approved()));
            if (d.comment() != null) {
                decision.put("comment", AttributeValue.fromS(d.comment()));
            }
            decision.put("at", AttributeValue.fromS(d.at().toString()));
            return AttributeValue.fromM(decision);
        }).toList()));
        item.put("createdAt", AttributeValue.fromS(a.createdAt().toString()));
        item.put("expiresAt", AttributeValue.fromS(a.expiresAt().toString()));
        if (a.result() != null) {
            item.put("result", AttributeValue.fromS(a.result()));
        }
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static ApprovalPolicy toPolicy(Map<String, AttributeValue> item) {
        return new ApprovalPolicy(item.get("workspaceId").s(), GuardedAction.fromWire(item.get("itemKey").s().substring(POLICY.length())).orElseThrow(),
                item.get("approverRoles").ss().stream().map(Role::valueOf).collect(Collectors.toSet()), Integer.parseInt(item.get("quorum").n()),
                Duration.ofSeconds(Long.parseLong(item.get("expiresAfterSeconds").n())), Long.parseLong(item.get("threshold").n()));
    }

    private static Approval toApproval(Map<String, AttributeValue> item) {
        Map<String, String> parameters = new LinkedHashMap<>();
        item.get("parameters").m().forEach((k, v) -> parameters.put(k, v.s()));
        List<Decision> decisions = item.get("decisions").l().stream().map(v -> {
            Map<String, AttributeValue> d = v.m();
            return new Decision(d.get("memberId").s(), d.get("actor").s(), d.get("approved").bool(),
                    d.containsKey("comment") ? d.get("comment").s() : null, Instant.parse(d.get("at").s()));
        }).toList();
        return new Approval(item.get("itemKey").s(), item.get("workspaceId").s(), GuardedAction.fromWire(item.get("action").s()).orElseThrow(),
                parameters, item.get("summary").s(), item.get("requestedBy").s(),
                item.containsKey("requesterMemberId") ? item.get("requesterMemberId").s() : null,
                item.get("approverRoles").ss().stream().map(Role::valueOf).collect(Collectors.toSet()), Integer.parseInt(item.get("quorum").n()),
                ApprovalStatus.valueOf(item.get("status").s()), decisions, Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("expiresAt").s()), item.containsKey("result") ? item.get("result").s() : null,
                Long.parseLong(item.get("version").n()));
    }
}
