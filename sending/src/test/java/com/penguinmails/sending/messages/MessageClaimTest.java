package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.SendingWiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import com.penguinmails.core.platform.Platform;
import java.util.Collections;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link MessageClaimContract} on DynamoDB (dynalite). */
class MessageClaimTest extends MessageClaimContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private Platform platform;

    @Override
    MessageStore newStore() {
        platform = TestPlatforms.withAllTables(DYNAMO, CLOCK, Map.of());
        return SendingWiring.messageStore(platform);
    }

    @Test
    void oneWorkspacesMessagesSpreadOverEightPartitionKeysInGroupsOfTwentyFive() {
        MessageStore store = SendingWiring.messageStore(platform);
        List<Message> accepted = submission(4000, null);
        store.createAll(accepted);
        accepted.stream().limit(100).forEach(m -> store.claim(workspace(), m.id(), CLOCK.instant(), Duration.ofMinutes(5), "t").orElseThrow());

        List<Map<String, AttributeValue>> items = platform.dynamoDb().scanPaginator(r -> r.tableName(platform.tableName("messages")))
                .items().stream().toList();
        Map<String, Long> writesByKey = items.stream().collect(Collectors.groupingBy(i -> i.get("workspaceId").s(), Collectors.counting()));
        assertThat(writesByKey.keySet()).as("partition keys").hasSize(8)
                .allMatch(key -> key.equals(workspace()) || key.matches(workspace() + "#[1-7]"));
        assertThat(items).as("160 group items and the 100 claimed recipients' own").hasSize(260);
        Map<String, Long> groupsByKey = items.stream().filter(i -> i.get("messageId").s().endsWith("~"))
                .collect(Collectors.groupingBy(i -> i.get("workspaceId").s(), Collectors.counting()));
        // 160 groups hashed over 8 keys: about 20 each (45 on one key is out of reach of chance).
        assertThat(Collections.max(groupsByKey.values())).as("groups on the busiest key").isLessThan(45);
    }

    @Test
    void aMessageStoredBeforeShardingIsFoundAndListedWhereItWas() {
        MessageStore store = SendingWiring.messageStore(platform);
        String legacyId = "msg_000loyw3v28AbCdEfGhIj"; // 2023: older than every message the test makes
        platform.dynamoDb().putItem(r -> r.tableName(platform.tableName("messages")).item(Map.of(
                "workspaceId", AttributeValue.fromS(workspace()), "messageId", AttributeValue.fromS(legacyId),
                "contentId", AttributeValue.fromS("cnt_1"), "to", AttributeValue.fromS("old@example.org"),
                "status", AttributeValue.fromS("DELIVERED"), "timeline", AttributeValue.fromL(List.of()),
                "attempt", AttributeValue.fromN("1"), "createdAt", AttributeValue.fromN("1700000000000"))));
        store.createAll(submission(30, null));

        assertThat(store.find(workspace(), legacyId).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.list(workspace(), null, null, null, 100).items()).hasSize(31)
                .last().extracting(Message::id).as("the oldest, last").isEqualTo(legacyId);
    }
}
