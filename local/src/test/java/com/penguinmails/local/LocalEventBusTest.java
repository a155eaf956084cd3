package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The platform-event bus locally: a function marked {@code events: publish} publishes through the port, the SNS
 * stand-in applies the test catalog's subscription patterns (event-ruler) and each event lands, once, in exactly the
 * queues whose pattern matches it.
 */
class LocalEventBusTest {

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatforms.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aPublishingFunctionsEventsReachExactlyTheQueuesWhosePatternsMatchOnce() {
        HttpResponse<String> published = post(platform, "/public/events", """
                [ {"type": "message.sent", "subject": "msg_sent", "workspaceId": "ws_1", "data": {"to": "ada@example.org"}},
                  {"type": "message.bounced", "subject": "msg_hard", "workspaceId": "ws_1", "data": {"bounceType": "Permanent"}},
                  {"type": "message.bounced", "subject": "msg_soft", "workspaceId": "ws_1", "data": {"bounceType": "Transient"}},
                  {"type": "api-key.revoked", "subject": "key_1", "workspaceId": "ws_1", "data": {}},
                  {"type": "api-key.created", "subject": "key_2", "workspaceId": "ws_ignored", "data": {}},
                  {"type": "ip.paused", "subject": "ip_1", "workspaceId": "ws_1", "data": {}} ]
                """, "Content-Type", "application/json");

        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        // Publishing answers once SNS has delivered, so what is not in a queue now never will be.
        assertThat(subjects(drain("message-events"))).containsExactlyInAnyOrder("msg_sent", "msg_hard", "msg_soft");
        assertThat(subjects(drain("hard-bounces"))).containsExactly("msg_hard");
        assertThat(subjects(drain("key-events"))).containsExactly("key_1");
    }

    @Test
    void eachQueueGetsTheCloudEventAsPublished() {
        PlatformEvent event = PlatformEvent.builder(EventType.MESSAGE_BOUNCED).id("evt-bounce-1")
                .source("/penguinmails/test").time(platform.clock().instant()).subject("msg_9").workspaceId("ws_9")
                .correlationId("corr-9").data(Json.MAPPER.createObjectNode().put("bounceType", "Permanent")).build();

        platform.eventPublisher().publish(event);

        List<PlatformEvent> logged = drain("message-events");
        assertThat(logged).containsExactly(event);
        assertThat(drain("hard-bounces")).containsExactly(event);
        assertThat(drain("key-events")).isEmpty();
    }

    private static List<String> subjects(List<PlatformEvent> events) {
        return events.stream().map(PlatformEvent::subject).toList();
    }

    private static List<PlatformEvent> drain(String catalogQueue) {
        String url = platform.queueUrl(catalogQueue);
        List<PlatformEvent> events = new ArrayList<>();
        List<Message> batch;
        do {
            batch = platform.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            for (Message m : batch) {
                events.add(PlatformEventJson.read(m.body()));
                platform.sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return events;
    }
}
