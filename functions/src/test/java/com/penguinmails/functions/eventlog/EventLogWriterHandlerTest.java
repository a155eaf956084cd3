package com.penguinmails.functions.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.wiring.EventLogWiring;
import com.penguinmails.eventlog.EventQuery;
import com.penguinmails.functions.testing.FunctionHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer as Lambda runs it, with the catalog's environment for event-log-writer, on dynalite. */
class EventLogWriterHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Test
    void writesTheSampleOnceThoughItCameTwiceAndReportsOnlyThePoisonMessageAsFailed() throws IOException {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        Clock clock = FunctionHarness.clock();
        Platform platform = harness.platformFor("event-log-writer", clock, Map.of());
        EventLogWriterHandler handler = new EventLogWriterHandler(platform);
        String sample = Files.readString(Path.of("..", "events", "platform", "message-delivered.json"))
                .replace("WORKSPACE_ID", "ws_writer").replace("MESSAGE_ID", "msg_1").replace("RECIPIENT", "ada@example.org")
                .replace("2026-12-02T07:00:05.120Z", clock.instant().toString());
        SQSEvent batch = batch(sample, sample, "{\"specversion\":\"1.0\",\"type\":\"message.exploded\"}");

        SQSBatchResponse first = handler.handleRequest(batch, null);
        SQSBatchResponse redelivered = handler.handleRequest(batch, null);

        for (SQSBatchResponse response : List.of(first, redelivered)) {
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m3");
        }
        List<PlatformEvent> logged = EventLogWiring.reader(harness.platformFor("events-api", clock, Map.of()))
                .list(new EventQuery("ws_writer", Set.of(), null, null, null, null, null, null, 10)).items();
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("msg_1");
            assertThat(e.data().path("recipient").asText()).isEqualTo("ada@example.org");
        });
    }

    @Test
    void aBatchOfAWorkspacesEventsIsOneItemAndEachEventIsListedOnceThoughRedeliveredInAnotherBatch() throws IOException {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        Clock clock = FunctionHarness.clock();
        Platform platform = harness.platformFor("event-log-writer", clock, Map.of());
        EventLogWriterHandler handler = new EventLogWriterHandler(platform);
        String sample = Files.readString(Path.of("..", "events", "platform", "message-delivered.json"));
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(sample.replace("5f0c6f7e-6d0a-3c39-9b1e-2c8f4a1d7e10", "evt-" + i).replace("WORKSPACE_ID", "ws_batch")
                    .replace("MESSAGE_ID", "msg_" + i).replace("RECIPIENT", "user" + i + "@example.org")
                    .replace("2026-12-02T07:00:05.120Z", clock.instant().minusSeconds(60 - i).toString()));
        }

        assertThat(handler.handleRequest(batch(bodies.subList(0, 40).toArray(String[]::new)), null).getBatchItemFailures()).isEmpty();
        // Messages 30 to 39 come back beside the next ones, in another batch.
        assertThat(handler.handleRequest(batch(bodies.subList(30, 60).toArray(String[]::new)), null).getBatchItemFailures()).isEmpty();

        String table = platform.tableName("events");
        assertThat(platform.dynamoDb().scanPaginator(r -> r.tableName(table)).items()).as("one item per batch").hasSize(2);
        EventLogService reader = EventLogWiring.reader(harness.platformFor("events-api", clock, Map.of()));
        List<String> listed = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Page<PlatformEvent> page = reader.list(new EventQuery("ws_batch", Set.of(), null, null, null, null, null, cursor, 7));
            page.items().forEach(e -> listed.add(e.subject()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(listed).isEqualTo(java.util.stream.IntStream.range(0, 60).mapToObj(i -> "msg_" + (59 - i)).toList());
    }

    private static SQSEvent batch(String... bodies) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + (i + 1));
            message.setBody(bodies[i]);
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(message);
        }
        event.setRecords(records);
        return event;
    }
}
