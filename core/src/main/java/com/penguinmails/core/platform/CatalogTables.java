package com.penguinmails.core.platform;

import com.penguinmails.catalog.TableSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates a catalog table through the DynamoDB API, for the local runtime and tests (CDK creates them in AWS).
 * TTL is not switched on here: the embedded server lacks UpdateTimeToLive, and reads treat expired items as absent.
 */
public final class CatalogTables {

    private CatalogTables() {
    }

    /** Creates the table under {@code tableName}; an existing table of that name is left as it is (false). */
    public static boolean create(DynamoDbClient dynamoDb, TableSpec spec, String tableName) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<String> defined = new ArrayList<>();
        List<KeySchemaElement> keys = keySchema(spec.partitionKey(), spec.sortKey(), attributes, defined);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey(), attributes, defined))
                    .projection(p -> p.projectionType(ProjectionType.ALL))
                    .build());
        }
        try {
            dynamoDb.createTable(r -> {
                r.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attributes).keySchema(keys);
                // DynamoDB rejects an explicitly empty index list, so none is sent when there are none.
                if (!indexes.isEmpty()) {
                    r.globalSecondaryIndexes(indexes);
                }
            });
            return true;
        } catch (ResourceInUseException e) {
            // Kept from an earlier run (--data-dir): the catalog decides the shape, so it is the same table.
            return false;
        }
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey, List<AttributeDefinition> attributes,
                                                    List<String> defined) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        define(partitionKey, attributes, defined);
        if (sortKey != null) {
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
            define(sortKey, attributes, defined);
        }
        return keys;
    }

    private static void define(String name, List<AttributeDefinition> attributes, List<String> defined) {
        if (!defined.contains(name)) {
            defined.add(name);
            attributes.add(AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build());
        }
    }
}
