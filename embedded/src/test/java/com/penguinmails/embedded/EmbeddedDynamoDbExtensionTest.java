package com.penguinmails.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbExtensionTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final Set<String> SUFFIXES_SEEN = ConcurrentHashMap.newKeySet();

    /** Every repetition creates "workspaces" + suffix: a suffix reused across tests would fail with ResourceInUse. */
    @RepeatedTest(3)
    void eachTestGetsItsOwnTables() {
        assertThat(SUFFIXES_SEEN.add(DYNAMO.tableSuffix())).as("suffix is new").isTrue();
        assertThat(DYNAMO.tableSuffix()).matches("-[0-9a-f]{12}");

        String table = "workspaces" + DYNAMO.tableSuffix();
        DYNAMO.client().createTable(create -> create.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH)));

        assertThat(DYNAMO.client().listTables().tableNames()).contains(table);
        assertThat(DYNAMO.endpoint().toString()).startsWith("http://127.0.0.1:");
    }
}
