package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With a data directory, DynamoDB data outlives a restart and existing tables are kept as they are. */
class PersistentDataTest {

    @TempDir
    Path dataDir;

    @Test
    void itemsWrittenInOneRunAreThereInTheNext() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("kept"), "sk", AttributeValue.fromS("1"));
        try (LocalPlatform first = start()) {
            first.dynamoDb().putItem(b -> b.tableName(first.tableName("records")).item(key));
        }

        try (LocalPlatform second = start()) {
            assertThat(second.dynamoDb().getItem(b -> b.tableName(second.tableName("records")).key(key)).hasItem())
                    .isTrue();
        }
    }

    private LocalPlatform start() {
        return LocalPlatform.builder().catalog(TestPlatforms.testCatalog()).dataDir(dataDir).port(0).bootstrap(false)
                .start();
    }
}
