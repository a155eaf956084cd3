package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.core.platform.Json;
import com.penguinmails.eventlog.internal.DynamoDbEventLogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event log as a user meets it, on the whole local platform: CloudEvents put on the {@code event-log} queue (as
 * the bus delivers them) are listed by {@code GET /v1/events} newest first, filtered and paged; a redelivered event
 * is listed once; another workspace sees none of them; the retention set on the workspace is the TTL, and an event
 * past it is gone once the platform clock has moved on. Times are relative to the platform clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventLogEndToEndTest {

    private static final String AUTH = "Authorization";
    private static final String JSON = "application/json";
    private static LocalPlatform platform;
    private static String owner;
    private static String workspaceId;
    private static String otherOwner;
    private static String otherWorkspaceId;

    @BeforeAll
    static void start() {
        // The real catalog without its subscriptions: this test feeds the event log by hand and lists exactly what it
        // fed; the platform's own events (the keys it creates) reaching the log are PlatformEventsEndToEndTest's part.
        FunctionCatalog real = FunctionCatalog.load();
        platform = LocalPlatform.builder().port(0)
                .catalog(new FunctionCatalog(real.jars(), real.tables(), real.queues(), real.functions(), List.of())).start();
        owner = "Bearer " + platform.ownerApiKey().orElseThrow();
        workspaceId = platform.workspaceId().orElseThrow();
        JsonNode other = createWorkspace("Globex", "hank@globex.test");
        otherOwner = "Bearer " + other.path("apiKey").path("secret").asText();
        otherWorkspaceId = other.path("workspace").path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void queuedEventsAreListedNewestFirstAsPublishedFilteredAndPaged() {
        Instant now = platform.clock().instant();
        List<ObjectNode> published = new ArrayList<>();
        published.add(event(workspaceId, "message.sent", "msg_1", now.minusSeconds(50), "ada@example.org", "spring"));
        published.add(event(workspaceId, "message.delivered", "msg_1", now.minusSeconds(40), "ada@example.org", "spring"));
        published.add(event(workspaceId, "message.sent", "msg_2", now.minusSeconds(30), "bob@example.org", "autumn"));
        published.add(event(workspaceId, "message.bounced", "msg_2", now.minusSeconds(20), "bob@example.org", "autumn"));
        published.add(event(workspaceId, "api-key.created", "key_1", now.minusSeconds(10), null, null));
        for (ObjectNode event : published) {
            enqueue(event.toString(), false);
        }
        // The sample as a user feeds it by hand, its time moved to the platform's now.
        enqueue(sample().replace("WORKSPACE_ID", workspaceId).replace("MESSAGE_ID", "msg_3").replace("RECIPIENT", "Cy@Example.org"), true);
        awaitListed(owner, "", 6);

        JsonNode all = json(get(platform, "/v1/events", AUTH, owner));
        assertThat(all.path("data").get(0).path("subject").asText()).as("the sample, stamped now, is the newest").isEqualTo("msg_3");
        assertThat(Instant.parse(all.path("data").get(0).path("time").asText())).isBetween(now, platform.clock().instant());
        List<JsonNode> rest = new ArrayList<>();
        all.path("data").forEach(rest::add);
        assertThat(rest.subList(1, 6)).as("exactly the envelopes and data published, newest first")
                .containsExactly(published.get(4), published.get(3), published.get(2), published.get(1), published.get(0));
        assertThat(all.has("nextCursor")).isFalse();

        assertThat(subjects("?type=message.sent")).containsExactly("msg_2", "msg_1");
        assertThat(subjects("?type=message.bounced,message.delivered")).containsExactly("msg_3", "msg_2", "msg_1");
        assertThat(subjects("?type=message.sent&type=api-key.created")).as("a repeated parameter").containsExactly("key_1", "msg_2", "msg_1");
        assertThat(types("?subject=msg_1")).containsExactly("message.delivered", "message.sent");
        assertThat(types("?recipient=BOB@example.org")).containsExactly("message.bounced", "message.sent");
        assertThat(subjects("?recipient=cy@example.org")).containsExactly("msg_3");
        assertThat(types("?campaignId=spring&type=message.delivered")).containsExactly("message.delivered");
        assertThat(subjects("?from=" + encode(now.minusSeconds(30)) + "&to=" + encode(now.minusSeconds(20))))
                .as("from and to inclusive").containsExactly("msg_2", "msg_2");

        List<String> paged = new ArrayList<>();
        String path = "/v1/events?limit=2";
        for (int pages = 0; path != null && pages < 10; pages++) {
            JsonNode page = json(get(platform, path, AUTH, owner));
            assertThat(page.path("data").size()).isLessThanOrEqualTo(2);
            page.path("data").forEach(e -> paged.add(e.path("id").asText()));
            path = page.has("nextCursor") ? "/v1/events?limit=2&cursor=" + page.path("nextCursor").asText() : null;
        }
        List<String> allIds = new ArrayList<>();
        all.path("data").forEach(e -> allIds.add(e.path("id").asText()));
        assertThat(paged).isEqualTo(allIds);
    }

    @Test
    @Order(2)
    void aRedeliveredOrRepublishedEventIsListedOnce() {
        ObjectNode event = event(workspaceId, "message.opened", "msg_once", platform.clock().instant(), "ada@example.org", null);
        for (int i = 0; i < 3; i++) {
            enqueue(event.toString(), false);
        }
        awaitQueueDrained();

        JsonNode listed = json(get(platform, "/v1/events?subject=msg_once", AUTH, owner));
        assertThat(listed.path("data")).hasSize(1);
        assertThat(listed.path("data").get(0)).isEqualTo(event);
    }

    @Test
    @Order(3)
    void anotherWorkspaceSeesNoneOfTheEventsAndItsOwnOnly() {
        ObjectNode theirs = event(otherWorkspaceId, "suppression.added", "ada@example.org", platform.clock().instant(), "ada@example.org", null);
        enqueue(theirs.toString(), false);
        awaitListed(otherOwner, "", 1);

        JsonNode seen = json(get(platform, "/v1/events", AUTH, otherOwner));
        assertThat(seen.path("data")).containsExactly(theirs);
        assertThat(json(get(platform, "/v1/events?subject=msg_1", AUTH, otherOwner)).path("data")).isEmpty();
        String ownersCursor = json(get(platform, "/v1/events?limit=1", AUTH, owner)).path("nextCursor").asText();
        assertThat(json(get(platform, "/v1/events?cursor=" + ownersCursor, AUTH, otherOwner)).path("data"))
                .as("a cursor names a position, never a workspace").allSatisfy(e -> assertThat(e.path("workspaceid").asText()).isEqualTo(otherWorkspaceId));
        assertThat(subjects("?subject=ada@example.org")).as("and the owner does not see theirs").isEmpty();
    }

    @Test
    @Order(4)
    void badQueriesAreA400NamingTheFieldAndTheRouteNeedsEventsRead() {
        assertProblem(get(platform, "/v1/events?type=message.exploded", AUTH, owner), 400, "type");
        assertProblem(get(platform, "/v1/events?type=message.sent,", AUTH, owner), 400, "type");
        Instant now = platform.clock().instant();
        assertProblem(get(platform, "/v1/events?from=" + encode(now) + "&to=" + encode(now.minusSeconds(1)), AUTH, owner), 400, "from");
        assertProblem(get(platform, "/v1/events?to=yesterday", AUTH, owner), 400, "to");
        assertProblem(get(platform, "/v1/events?cursor=not-ours", AUTH, owner), 400, "cursor");
        assertProblem(get(platform, "/v1/events?limit=301", AUTH, owner), 400, "limit");
        assertProblem(get(platform, "/v1/events?campaignId=a%20b", AUTH, owner), 400, "campaignId");
        HttpResponse<String> unknown = get(platform, "/v1/events?recipent=ada@example.org", AUTH, owner);
        assertProblem(unknown, 400, "recipent");
        assertThat(json(unknown).path("type").asText()).endsWith("/unknown-parameter");

        String auditor = "Bearer " + createKey("{\"name\":\"auditor\",\"scopes\":[\"audit:read\"]}");
        assertThat(json(get(platform, "/v1/events", AUTH, auditor)).path("type").asText()).endsWith("/insufficient-scope");
        String eventsReader = "Bearer " + createKey("{\"name\":\"events\",\"scopes\":[\"events:read\"]}");
        assertThat(get(platform, "/v1/events", AUTH, eventsReader).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void theWorkspacesRetentionIsEachEventsTtlAndAnEventPastItIsNoLongerListed() {
        JsonNode created = createWorkspace("Initech", "peter@initech.test");
        String initech = "Bearer " + created.path("apiKey").path("secret").asText();
        String initechId = created.path("workspace").path("id").asText();
        assertThat(json(get(platform, "/v1/workspace", AUTH, initech)).path("eventRetentionDays").asInt()).isEqualTo(30);
        assertThat(json(patch(initech, "{\"postalAddress\":\"Initech, 1 Main St, Austin, TX\"}")).path("eventRetentionDays").asInt()).isEqualTo(30);
        assertProblem(patch(initech, "{\"eventRetentionDays\":0}"), 400, "eventRetentionDays");
        assertProblem(patch(initech, "{\"eventRetentionDays\":401}"), 400, "eventRetentionDays");
        assertProblem(patch(initech, "{\"eventRetentionDays\":\"2\"}"), 400, "eventRetentionDays");
        JsonNode updated = json(patch(initech, "{\"eventRetentionDays\":2}"));
        assertThat(updated.path("eventRetentionDays").asInt()).isEqualTo(2);
        assertThat(updated.path("postalAddress").asText()).as("a field left out stays").isEqualTo("Initech, 1 Main St, Austin, TX");

        Instant happened = platform.clock().instant();
        ObjectNode shortLived = event(initechId, "message.delivered", "msg_short", happened, "ada@example.org", null);
        ObjectNode usual = event(workspaceId, "message.delivered", "msg_usual", happened, "ada@example.org", null);
        enqueue(shortLived.toString(), false);
        enqueue(usual.toString(), false);
        awaitListed(initech, "", 1);
        awaitListed(owner, "?subject=msg_usual", 1);

        assertThat(expiresAtEpoch(initechId, shortLived)).isEqualTo(happened.plus(Duration.ofDays(2)).getEpochSecond());
        assertThat(expiresAtEpoch(workspaceId, usual)).isEqualTo(happened.plus(Duration.ofDays(30)).getEpochSecond());

        platform.clock().advance(Duration.ofDays(2).plusSeconds(1));

        assertThat(json(get(platform, "/v1/events", AUTH, initech)).path("data")).as("past its 2 days").isEmpty();
        assertThat(json(get(platform, "/v1/events?subject=msg_usual", AUTH, owner)).path("data")).hasSize(1);
        JsonNode cleared = json(patch(initech, "{}"));
        assertThat(cleared.has("postalAddress")).as("a body without eventRetentionDays still sets postalAddress, as before").isFalse();
        assertThat(cleared.path("eventRetentionDays").asInt()).isEqualTo(2);
    }

    /**
     * The TTL of the item holding the event, found by its key's time: a pack is keyed a millisecond past its newest
     * event, and this test's event is alone in its workspace's pack (the newest, the latest to expire, of its batch).
     */
    private static long expiresAtEpoch(String workspace, ObjectNode event) {
        String keyTime = String.format("%013d", Instant.parse(event.path("time").asText()).toEpochMilli() + 1);
        List<Long> ttls = new ArrayList<>();
        for (String partition : DynamoDbEventLogStore.partitionKeys(workspace)) {
            platform.dynamoDb().query(r -> r.tableName(platform.tableName("events"))
                    .keyConditionExpression("workspaceId = :ws AND begins_with(eventKey, :time)")
                    .expressionAttributeValues(Map.of(":ws", AttributeValue.fromS(partition), ":time", AttributeValue.fromS(keyTime + "#"))))
                    .items().forEach(item -> ttls.add(Long.parseLong(item.get("expiresAtEpoch").n())));
        }
        assertThat(ttls).as("the item of %s", event.path("id").asText()).hasSize(1);
        return ttls.get(0);
    }

    private static ObjectNode event(String workspace, String type, String subject, Instant time, String recipient, String campaignId) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.nameUUIDFromBytes((workspace + type + subject + time).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("source", "/penguinmails/event-ingest");
        event.put("type", type);
        event.put("time", time.toString());
        event.put("subject", subject);
        event.put("datacontenttype", JSON);
        event.put("workspaceid", workspace);
        event.put("correlationid", "req_" + subject);
        ObjectNode data = event.putObject("data");
        data.put("subject", subject);
        if (recipient != null) {
            data.put("recipient", recipient);
        }
        if (campaignId != null) {
            data.put("campaignId", campaignId);
        }
        data.putArray("tags").add("welcome");
        return event;
    }

    private static void enqueue(String body, boolean stampNow) {
        HttpResponse<String> sent = post(platform, "/_local/queues/event-log/messages" + (stampNow ? "?stamp=now" : ""), body);
        assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 202);
    }

    private static void awaitListed(String key, String query, int count) {
        await(Duration.ofSeconds(30), count + " events listed for " + query, () ->
                json(get(platform, "/v1/events" + query, AUTH, key)).path("data").size() == count);
    }

    /** Until the writer has taken every message and none is in flight: all of them were written or found written. */
    private static void awaitQueueDrained() {
        await(Duration.ofSeconds(30), "the event-log queue drained", () -> {
            Map<QueueAttributeName, String> attributes = platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl("event-log"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    private static List<String> subjects(String query) {
        return field(query, "subject");
    }

    private static List<String> types(String query) {
        return field(query, "type");
    }

    private static List<String> field(String query, String name) {
        HttpResponse<String> response = get(platform, "/v1/events" + query, AUTH, owner);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        json(response).path("data").forEach(e -> values.add(e.path(name).asText()));
        return values;
    }

    private static JsonNode createWorkspace(String name, String email) {
        HttpResponse<String> created = post(platform, "/v1/workspaces", "{\"name\":\"" + name + "\",\"owner\":{\"email\":\"" + email + "\"}}",
                AUTH, "Bearer " + platform.operatorKey(), "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    private static String createKey(String body) {
        HttpResponse<String> created = post(platform, "/v1/api-keys", body, AUTH, owner, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("secret").asText();
    }

    private static HttpResponse<String> patch(String key, String body) {
        return TestPlatforms.send(TestPlatforms.request(platform, "/v1/workspace", AUTH, key, "Content-Type", JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).path("field").asText()).as(response.body()).isEqualTo(field);
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static String sample() {
        try {
            return Files.readString(Path.of("..", "events", "platform", "message-delivered.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
