package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 8's header injection and From forgery, over HTTP on the whole local platform: the {@code headers} of a send
 * or batch may not set any header the platform owns (a custom From would skip the verified-domain check) nor smuggle
 * a header in through CR/LF; each is a 400 naming the header and no mail reaches the SMTP sink
 * ({@code /_local/outbox}). An allowed {@code X-} header arrives intact.
 */
class CustomHeadersEndToEndTest {

    private static final String JSON = "application/json";
    private static final List<String> PLATFORM_OWNED = List.of("From", "To", "Cc", "Bcc", "Sender", "Reply-To", "Return-Path",
            "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "DKIM-Signature", "Received", "X-PM-Message-Id",
            "X-PM-Workspace-Id", "X-PM-Campaign-Id");
    private static LocalPlatform platform;
    private static String auth;
    private static String pool;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        TestPlatforms.verifiedDomain(platform, auth, "acme.test");
        pool = TestPlatforms.ipPool(platform, auth, "main", "198.51.100.20", 500);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyPlatformOwnedHeaderIsA400NamingItAndNothingIsSent() {
        for (String name : PLATFORM_OWNED) {
            String subject = "owned " + name;
            HttpResponse<String> single = send(subject, Map.of(name, "ceo@bank.test"));
            assertInvalidHeader(single, "headers." + name);
            assertThat(json(single).path("detail").asText()).contains(name);

            HttpResponse<String> batch = sendBatch(subject, Map.of(name, "ceo@bank.test"));
            assertInvalidHeader(batch, "headers." + name);
        }
        assertNothingSentBeforeASentinel("owned ");
    }

    @Test
    void crOrLfInAHeaderNameOrValueIsRefusedAndInjectsNothing() {
        // JSON escapes: the API receives real CR and LF characters.
        assertInvalidHeader(sendRaw("crlf name", "{\"X-A\\r\\nX-Injected: yes\":\"1\"}"), "headers.X-A\r\nX-Injected: yes");
        assertInvalidHeader(sendRaw("crlf value", "{\"X-A\":\"ok\\r\\nX-Injected: yes\"}"), "headers.X-A");
        assertInvalidHeader(sendRaw("lf value", "{\"X-A\":\"ok\\nBcc: victim@example.org\"}"), "headers.X-A");
        assertInvalidHeader(sendRawBatch("crlf batch", "{\"X-A\":\"ok\\r\\nX-Injected: yes\"}"), "headers.X-A");
        assertNothingSentBeforeASentinel("crlf ", "lf ");
        assertThat(outbox()).noneMatch(mail -> mail.path("headers").has("X-Injected"));
    }

    @Test
    void aNullOrNonAllowlistedHeaderIsA400NotA500() {
        assertInvalidHeader(sendRaw("null value", "{\"X-Custom\":null}"), "headers.X-Custom");
        assertInvalidHeader(sendRawBatch("null batch", "{\"X-Custom\":null}"), "headers.X-Custom");
        assertInvalidHeader(send("not allowed", Map.of("Content-Type", "text/html")), "headers.Content-Type");
        assertInvalidHeader(send("not allowed", Map.of("Subject", "other")), "headers.Subject");
    }

    @Test
    void anAllowedXHeaderIsDeliveredIntact() {
        HttpResponse<String> sent = send("allowed x header", Map.of("X-Campaign-Ref", "spring-2027 (a; b) <ok>",
                "In-Reply-To", "<thread-1@acme.test>"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        JsonNode mail = awaitMail("allowed x header");
        assertThat(mail.path("headers").path("X-Campaign-Ref").get(0).asText()).isEqualTo("spring-2027 (a; b) <ok>");
        assertThat(mail.path("headers").path("In-Reply-To").get(0).asText()).isEqualTo("<thread-1@acme.test>");
        assertThat(mail.path("from").asText()).isEqualTo("news@acme.test");
    }

    @Test
    void headersStoredAroundTheRulesNeverReachTheWire() {
        // A scheduled message, so its stored content can be changed before the sender composes it: as content
        // accepted before these rules existed would be.
        String subject = "stored before the rules";
        Instant sendAt = platform.clock().instant().plusSeconds(120);
        HttpResponse<String> accepted = post(platform, "/v1/messages", "{\"from\":\"news@acme.test\",\"to\":\"ada@example.org\","
                + "\"subject\":\"" + subject + "\",\"text\":\"Hello\",\"ipPool\":\"" + pool + "\",\"sendAt\":\"" + sendAt
                + "\",\"headers\":{\"X-Keep\":\"yes\"}}", "Authorization", auth, "Content-Type", JSON);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).path("status").asText()).isEqualTo("scheduled");

        Map<String, AttributeValue> content = platform.dynamoDb().scan(r -> r.tableName(platform.tableName("message-content")))
                .items().stream().filter(item -> subject.equals(item.get("subject").s())).findFirst().orElseThrow();
        Map<String, AttributeValue> forged = Map.of(
                "X-Keep", AttributeValue.fromS("yes"),
                "From", AttributeValue.fromS("ceo@bank.test"),
                "Bcc", AttributeValue.fromS("spy@example.org"),
                "X-PM-Campaign-Id", AttributeValue.fromS("forged"),
                "X-Bad", AttributeValue.fromS("a\r\nX-Injected: yes"));
        platform.dynamoDb().updateItem(r -> r.tableName(platform.tableName("message-content"))
                .key(Map.of("workspaceId", content.get("workspaceId"), "contentId", content.get("contentId")))
                .updateExpression("SET headers = :h").expressionAttributeValues(Map.of(":h", AttributeValue.fromM(forged))));
        assertThat(post(platform, "/_local/clock/advance", "{\"seconds\":180}", "Content-Type", JSON).statusCode()).isEqualTo(200);

        JsonNode mail = awaitMail(subject);
        assertThat(mail.path("headers").path("X-Keep").get(0).asText()).isEqualTo("yes");
        assertThat(mail.path("from").asText()).isEqualTo("news@acme.test");
        assertThat(mail.path("to")).extracting(JsonNode::asText).containsExactly("ada@example.org");
        assertThat(mail.path("headers").has("Bcc")).isFalse();
        assertThat(mail.path("headers").has("X-PM-Campaign-Id")).isFalse();
        assertThat(mail.path("headers").has("X-Bad")).isFalse();
        assertThat(mail.path("headers").has("X-Injected")).isFalse();
    }

    private static HttpResponse<String> send(String subject, Map<String, String> headers) {
        return sendRaw(subject, asJson(headers));
    }

    private static HttpResponse<String> sendBatch(String subject, Map<String, String> headers) {
        return sendRawBatch(subject, asJson(headers));
    }

    private static String asJson(Map<String, String> headers) {
        try {
            return Json.MAPPER.writeValueAsString(headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> sendRaw(String subject, String headersJson) {
        return post(platform, "/v1/messages", "{\"from\":\"news@acme.test\",\"to\":\"ada@example.org\",\"subject\":\"" + subject
                + "\",\"text\":\"Hello\",\"ipPool\":\"" + pool + "\",\"headers\":" + headersJson + "}",
                "Authorization", auth, "Content-Type", JSON);
    }

    private static HttpResponse<String> sendRawBatch(String subject, String headersJson) {
        return post(platform, "/v1/messages/batch", "{\"from\":\"news@acme.test\",\"recipients\":[{\"to\":\"ada@example.org\"},"
                + "{\"to\":\"bob@example.org\"}],\"subject\":\"" + subject + "\",\"text\":\"Hello\",\"ipPool\":\"" + pool
                + "\",\"headers\":" + headersJson + "}", "Authorization", auth, "Content-Type", JSON);
    }

    /**
     * Sends one clean mail and waits for it in the sink: the refused sends came first, so had any been queued they
     * would have had as long to arrive. Then no mail in the sink may carry one of the refused subjects.
     */
    private static void assertNothingSentBeforeASentinel(String... refusedSubjectPrefixes) {
        String sentinel = "sentinel after " + refusedSubjectPrefixes[0].strip();
        assertThat(send(sentinel, Map.of()).statusCode()).isEqualTo(202);
        awaitMail(sentinel);
        for (JsonNode mail : outbox()) {
            for (String prefix : refusedSubjectPrefixes) {
                assertThat(mail.path("subject").asText()).doesNotStartWith(prefix);
            }
        }
    }

    private static JsonNode awaitMail(String subject) {
        JsonNode[] found = new JsonNode[1];
        await(Duration.ofSeconds(30), "a mail with subject '" + subject + "' in /_local/outbox", () -> {
            for (JsonNode mail : outbox()) {
                if (mail.path("subject").asText().equals(subject)) {
                    found[0] = mail;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<JsonNode> outbox() {
        HttpResponse<String> response = get(platform, "/_local/outbox");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> mails = new ArrayList<>();
        json(response).forEach(mails::add);
        return mails;
    }

    private static void assertInvalidHeader(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/invalid-field");
        assertThat(problem.path("field").asText()).isEqualTo(field);
    }
}
