package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.testing.EventSchemas;
import com.penguinmails.embedded.CapturedMessage;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.internal.SqsOutboundQueue;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 as a new user tries it, on the whole local platform (real catalog, SNS stand-in, ElasticMQ, dynalite):
 * send a message, open it, click it, complain about it; {@code GET /v1/events} shows each event once, in the fields
 * its schema names, also after the sender's ticket and the complaint are delivered again (both republish the same
 * events, with the same ids); and the AsyncAPI document lists every type seen.
 */
class PlatformEventsEndToEndTest {

    private static final String JSON = "application/json";
    private static final Pattern OPEN = Pattern.compile("https?://[^\"'\\s>]+/t/open/[A-Za-z0-9._~-]+");
    private static final Pattern CLICK = Pattern.compile("https?://[^\"'\\s>]+/t/click/[A-Za-z0-9._~-]+");
    private static final List<String> MESSAGE_TYPES = List.of("message.sent", "message.delivered", "message.opened",
            "message.clicked", "message.complained");

    private static LocalPlatform platform;
    private static String auth;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void sendOpenClickComplainAreEachLoggedOnceAlsoAfterARedeliveredBatch() throws IOException {
        TestPlatforms.verifiedDomain(platform, auth, "acme.test");
        String pool = TestPlatforms.ipPool(platform, auth, "events", "198.51.100.40", 50);
        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"news@acme.test\",\"to\":\"ada@example.org\","
                + "\"subject\":\"Hello\",\"html\":\"<p>Hi <a href=\\\"https://acme.test/offer\\\">offer</a></p>\",\"text\":\"Hi\","
                + "\"ipPool\":\"" + pool + "\",\"trackOpens\":true,\"trackClicks\":true}", "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String messageId = json(sent).path("id").asText();

        await(Duration.ofSeconds(30), "the mail in the sink and delivered", () -> !platform.mailSink().messages().isEmpty()
                && json(get(platform, "/v1/messages/" + messageId, "Authorization", auth)).path("status").asText().equals("delivered"));
        CapturedMessage mail = platform.mailSink().messages().get(0);
        hit(OPEN, mail.html(), 200);
        hit(CLICK, mail.html(), 302);
        JsonNode message = json(get(platform, "/v1/messages/" + messageId, "Authorization", auth));
        // Stamped once (its times become the platform's now), then queued as SES would deliver it: the same bytes each time.
        String complaint = complaint(messageId, message.path("sentThrough").asText());
        queue(complaint);

        await(Duration.ofSeconds(40), "all five message events in the log", () -> types(messageId).containsAll(MESSAGE_TYPES));
        List<JsonNode> first = events(messageId);

        // A redelivered batch: the sender's ticket again (the message is SENT already) and the same SES complaint.
        String workspace = platform.workspaceId().orElseThrow();
        platform.sqs().sendMessage(r -> r.queueUrl(platform.queueUrl("outbound-messages"))
                .messageBody(SqsOutboundQueue.body(new OutboundQueue.Ticket(workspace, messageId))));
        queue(complaint);
        await(Duration.ofSeconds(20), "the redelivered ticket and complaint consumed", () -> platform.sqs().getQueueAttributes(r -> r
                .queueUrl(platform.queueUrl("delivery-events")).attributeNamesWithStrings("ApproximateNumberOfMessages",
                        "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals));
        pause(Duration.ofSeconds(4));

        List<JsonNode> after = events(messageId);
        Map<String, Integer> perType = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode event : after) {
            perType.merge(event.path("type").asText(), 1, Integer::sum);
            assertThat(ids.add(event.path("id").asText())).as("event %s listed once", event.path("id").asText()).isTrue();
        }
        MESSAGE_TYPES.forEach(type -> assertThat(perType.get(type)).as("%s events of message %s", type, messageId).isEqualTo(1));
        assertThat(after).as("nothing new after the redelivery").hasSameSizeAs(first);

        for (JsonNode event : after) {
            PlatformEvent parsed = PlatformEventJson.read(event);
            assertThat(EventSchemas.problems(parsed)).as("%s against its schema", parsed.type().wireName()).isEmpty();
            assertThat(parsed.workspaceId()).isEqualTo(workspace);
            assertThat(parsed.data().path("recipient").asText()).isEqualTo("ada@example.org");
        }
        assertThat(json(get(platform, "/v1/events?type=suppression.added&recipient=ada@example.org", "Authorization", auth))
                .path("data")).as("the complaint suppressed the address, once").hasSize(1);

        Set<String> documented = asyncApiMessageTypes();
        assertThat(documented).containsAll(perType.keySet()).contains("suppression.added");
    }

    private static void hit(Pattern link, String html, int status) {
        Matcher matcher = link.matcher(html);
        assertThat(matcher.find()).as("a %s link in %s", link, html).isTrue();
        HttpResponse<String> response = TestPlatforms.send(TestPlatforms.requestTo(matcher.group()).GET().build());
        assertThat(response.statusCode()).as(matcher.group()).isEqualTo(status);
    }

    private static String complaint(String messageId, String ip) throws IOException {
        String body = Files.readString(Path.of("..", "events", "ses", "complaint.json"))
                .replace("WORKSPACE_ID", platform.workspaceId().orElseThrow()).replace("MESSAGE_ID", messageId)
                .replace("RECIPIENT", "ada@example.org").replace("IP_ID", ip).replace("POOL_ID", "pool");
        HttpResponse<String> stamped = post(platform, "/_local/stamp", body, "Content-Type", JSON);
        assertThat(stamped.statusCode()).isEqualTo(200);
        return stamped.body();
    }

    private static void queue(String body) {
        assertThat(post(platform, "/_local/queues/delivery-events/messages", body, "Content-Type", JSON).statusCode()).isEqualTo(202);
    }

    private static List<JsonNode> events(String messageId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/events?subject=" + messageId + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> page = get(platform, path, "Authorization", auth);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            json(page).path("data").forEach(all::add);
            cursor = json(page).path("nextCursor").isTextual() ? json(page).path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static Set<String> types(String messageId) {
        Set<String> types = new HashSet<>();
        events(messageId).forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    /** The CloudEvents type of every message the AsyncAPI document describes. */
    private static Set<String> asyncApiMessageTypes() throws IOException {
        try (InputStream in = PlatformEventsEndToEndTest.class.getClassLoader().getResourceAsStream("penguinmails/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the class path").isNotNull();
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(text);
            assertThat(doc.path("asyncapi").asText()).startsWith("3.");
            Set<String> types = new HashSet<>();
            for (EventType type : EventType.values()) {
                if (text.contains(type.wireName())) {
                    types.add(type.wireName());
                }
            }
            return types;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
