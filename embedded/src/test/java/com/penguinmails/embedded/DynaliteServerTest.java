package com.penguinmails.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteServerTest {

    @Test
    void conditionalPutsAndQueriesBehaveLikeDynamoDb() {
        try (DynaliteServer server = DynaliteServer.start(0, null);
             DynamoDbClient dynamo = LocalAws.dynamoDb(server.endpoint())) {
            createTable(dynamo, "events");

            dynamo.putItem(put -> put.tableName("events").item(item("ws-1", "002", "second"))
                    .conditionExpression("attribute_not_exists(pk)"));
            dynamo.putItem(put -> put.tableName("events").item(item("ws-1", "001", "first")));
            dynamo.putItem(put -> put.tableName("events").item(item("ws-2", "001", "other workspace")));

            assertThatThrownBy(() -> dynamo.putItem(put -> put.tableName("events")
                    .item(item("ws-1", "002", "overwrite")).conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);

            QueryResponse page = dynamo.query(query -> query.tableName("events")
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("ws-1"))));
            assertThat(page.items()).extracting(found -> found.get("body").s()).containsExactly("first", "second");
        }
    }

    @Test
    void dataDirectoryKeepsTablesAcrossRestarts(@TempDir Path dataDir) {
        try (DynaliteServer server = DynaliteServer.start(0, dataDir);
             DynamoDbClient dynamo = LocalAws.dynamoDb(server.endpoint())) {
            createTable(dynamo, "durable");
            dynamo.putItem(put -> put.tableName("durable").item(item("ws-1", "001", "kept")));
        }

        try (DynaliteServer server = DynaliteServer.start(0, dataDir);
             DynamoDbClient dynamo = LocalAws.dynamoDb(server.endpoint())) {
            Map<String, AttributeValue> found = dynamo.getItem(get -> get.tableName("durable")
                    .key(Map.of("pk", s("ws-1"), "sk", s("001")))).item();
            assertThat(found.get("body").s()).isEqualTo("kept");
        }
    }

    @Test
    void closeStopsTheServer() {
        DynaliteServer server = DynaliteServer.start(0, null);
        InetSocketAddress address = new InetSocketAddress(server.endpoint().getHost(), server.endpoint().getPort());

        server.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private static void createTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(create -> create.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        definition -> definition.attributeName("pk").attributeType(ScalarAttributeType.S),
                        definition -> definition.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                        key -> key.attributeName("pk").keyType(KeyType.HASH),
                        key -> key.attributeName("sk").keyType(KeyType.RANGE)));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String body) {
        return Map.of("pk", s(pk), "sk", s(sk), "body", s(body));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
