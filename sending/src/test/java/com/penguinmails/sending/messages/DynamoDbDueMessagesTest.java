package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.messages.internal.DynamoDbDueMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The due-messages table on dynalite: a day's entries spread over partitions, every one taken once, old ones too. */
class DynamoDbDueMessagesTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_DueMessages000000000001";

    private final TestClock clock = new TestClock(Instant.parse("2027-06-10T08:30:00Z"));
    private Platform platform;
    private DueMessages due;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        due = new DynamoDbDueMessages(platform.dynamoDb(), platform.tableName("due-messages"));
    }

    @Test
    void scheduledMessagesSpreadOverADaysShardsAndAreEachTakenOnceWhenDue() {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String id = "msg_due" + i;
            ids.add(id);
            due.schedule(WS, id, now.minusSeconds(i));
        }
        due.schedule(WS, "msg_later", now.plus(Duration.ofMinutes(5)));
        // Written before sharding: the bare day is the key every entry had, and it is still read.
        putRaw(LocalDate.ofInstant(now, ZoneOffset.UTC).toString(), String.format("%013d", now.minusSeconds(90).toEpochMilli()) + "#" + WS + "#msg_old");

        assertThat(bucketsWritten()).as("one day's entries over eight partition keys").hasSize(8);

        Set<String> taken = new HashSet<>();
        List<OutboundQueue.Ticket> first = due.takeDue(now, 30);
        assertThat(first).hasSize(30);
        first.forEach(t -> assertThat(taken.add(t.messageId())).as("taken once: " + t.messageId()).isTrue());
        clock.advance(Duration.ofMinutes(1));
        due.takeDue(clock.instant(), 1_000).forEach(t -> assertThat(taken.add(t.messageId())).as("taken once: " + t.messageId()).isTrue());

        List<String> expected = new ArrayList<>(ids);
        expected.add("msg_old");
        assertThat(taken).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(due.takeDue(clock.instant(), 1_000)).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(due.takeDue(clock.instant(), 1_000)).extracting(OutboundQueue.Ticket::messageId).containsExactly("msg_later");
    }

    @Test
    void deferredMessagesSpreadTooAndTheDaysRunTakesThemAllOldOnesIncluded() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < 40; i++) {
            due.defer(WS, "msg_capped" + i, day);
        }
        putRaw("deferred#" + day, "0#" + WS + "#msg_old");

        assertThat(bucketsWritten()).hasSize(8);
        assertThat(due.takeDeferred(day.minusDays(1), 100)).as("not yet").isEmpty();
        List<OutboundQueue.Ticket> taken = new ArrayList<>(due.takeDeferred(day, 25));
        taken.addAll(due.takeDeferred(day, 100));
        assertThat(taken).extracting(OutboundQueue.Ticket::messageId).doesNotHaveDuplicates().hasSize(41).contains("msg_old");
    }

    private void putRaw(String bucket, String entry) {
        platform.dynamoDb().putItem(r -> r.tableName(platform.tableName("due-messages")).item(Map.of(
                "bucket", AttributeValue.fromS(bucket), "entry", AttributeValue.fromS(entry),
                "expiresAtEpoch", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond() + 86_400)))));
    }

    private Set<String> bucketsWritten() {
        Set<String> buckets = new HashSet<>();
        platform.dynamoDb().scan(r -> r.tableName(platform.tableName("due-messages"))).items().forEach(item -> buckets.add(item.get("bucket").s()));
        return buckets;
    }
}
