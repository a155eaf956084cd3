package com.penguinmails.analytics.recommendations.internal;

import com.penguinmails.analytics.recommendations.WorkspaceDirectory;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every workspace id, by a scan of the {@code workspaces} table reading only the key. The table holds one small item
 * per workspace, so an hourly scan costs little; identity keeps no list of workspaces otherwise.
 */
public final class DynamoDbWorkspaceDirectory implements WorkspaceDirectory {

    private final DynamoDbClient dynamoDb;
    private final String workspacesTable;

    public DynamoDbWorkspaceDirectory(DynamoDbClient dynamoDb, String workspacesTable) {
        this.dynamoDb = dynamoDb;
        this.workspacesTable = workspacesTable;
    }

    @Override
    public void forEachWorkspace(Consumer<String> action) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(r -> r.tableName(workspacesTable).projectionExpression("workspaceId").exclusiveStartKey(from));
            page.items().forEach(item -> action.accept(item.get("workspaceId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
