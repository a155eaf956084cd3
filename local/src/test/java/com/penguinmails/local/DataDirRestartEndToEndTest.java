package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart with {@code --data-dir} in the middle of sending loses nothing: messages the API accepted but the sender
 * had not taken yet are still queued after the restart and go out, each exactly once; the bootstrap workspace and its
 * keys are the same ones (the old key still works, no second workspace); a mailbox password stored before still
 * decrypts; and links in mail sent before still verify.
 */
class DataDirRestartEndToEndTest {

    private static final String JSON = "application/json";
    private static final String MAILBOX = "max@restart.test";
    private static final String MAILBOX_PASSWORD = "pw-Max-9z8y7x";
    private static final int SENT_BEFORE = 2;
    private static final int QUEUED_AT_STOP = 5;

    @TempDir
    Path dataDir;

    @Test
    void queuedMessagesKeysWorkspaceAndMailboxPasswordsSurviveARestart() throws IOException {
        String workspaceId;
        String ownerKey;
        String operatorKey;
        String mailbox;
        List<String> messageIds = new ArrayList<>();
        List<CapturedMessage> outbox = new ArrayList<>();
        String unsubscribeUrl;

        try (LocalPlatform first = start()) {
            workspaceId = first.workspaceId().orElseThrow();
            ownerKey = first.ownerApiKey().orElseThrow();
            operatorKey = first.operatorKey();
            String auth = "Bearer " + ownerKey;
            Path kept = dataDir.resolve("bootstrap.json");
            assertThat(first.secretsFile()).hasValue(kept);
            assertThat(Files.readString(kept)).contains(workspaceId).contains(ownerKey).contains(operatorKey);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
            }

            TestPlatforms.verifiedDomain(first, auth, "restart.test");
            assertThat(TestPlatforms.send(TestPlatforms.request(first, "/v1/workspace", "Authorization", auth, "Content-Type", JSON)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"postalAddress\":\"Restart Ltd, 1 Main St, Springfield\"}"))
                    .build()).statusCode()).isEqualTo(200);
            String pool = pool(first, auth);
            first.mailSink().ensureUser(MAILBOX, MAILBOX_PASSWORD);
            mailbox = mailbox(first, auth);

            for (int i = 0; i < SENT_BEFORE; i++) {
                messageIds.add(send(first, auth, pool, i));
            }
            await(Duration.ofSeconds(30), "the first mails in the sink", () -> first.mailSink().messages().size() == SENT_BEFORE);

            // From here the sender takes nothing: what the API accepts stays queued until the platform stops.
            first.stopPolling("outbound-messages");
            for (int i = SENT_BEFORE; i < SENT_BEFORE + QUEUED_AT_STOP; i++) {
                messageIds.add(send(first, auth, pool, i));
            }
            assertThat(outboundDepth(first)).as("accepted, not sent yet").isEqualTo(QUEUED_AT_STOP);
            assertThat(first.mailSink().messages()).hasSize(SENT_BEFORE);
            outbox.addAll(first.mailSink().messages());
            String header = outbox.get(0).headers().get("List-Unsubscribe").get(0);
            unsubscribeUrl = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
        }

        try (LocalPlatform second = start()) {
            assertThat(second.workspaceId()).as("the same bootstrap workspace, not another one").hasValue(workspaceId);
            assertThat(second.ownerApiKey()).hasValue(ownerKey);
            assertThat(second.operatorKey()).isEqualTo(operatorKey);
            String auth = "Bearer " + ownerKey;
            assertThat(json(get(second, "/v1/workspace", "Authorization", auth)).path("id").asText()).isEqualTo(workspaceId);

            await(Duration.ofSeconds(60), "the mails queued at the stop", () -> second.mailSink().messages().size() >= QUEUED_AT_STOP);
            await(Duration.ofSeconds(30), "every message sent", () -> messageIds.stream()
                    .allMatch(id -> List.of("sent", "delivered").contains(status(second, auth, id))));
            pause(Duration.ofSeconds(2));
            outbox.addAll(second.mailSink().messages());
            List<String> sent = outbox.stream().map(m -> m.headers().get("X-PM-Message-Id").get(0)).toList();
            assertThat(sent).as("every accepted message exactly once").containsExactlyInAnyOrderElementsOf(messageIds);
            assertThat(outboundDepth(second)).isZero();

            // The mailbox's password was encrypted before the restart; sending through it needs it in clear again.
            second.mailSink().ensureUser(MAILBOX, MAILBOX_PASSWORD);
            HttpResponse<String> cold = post(second, "/v1/messages", "{\"from\":\"" + MAILBOX + "\",\"to\":\"lead@example.org\","
                    + "\"subject\":\"Hello\",\"text\":\"Hi there\",\"mailbox\":\"" + mailbox + "\"}", "Authorization", auth, "Content-Type", JSON);
            assertThat(cold.statusCode()).as(cold.body()).isEqualTo(202);
            String coldId = json(cold).path("id").asText();
            await(Duration.ofSeconds(30), "the cold email sent through the mailbox", () -> !status(second, auth, coldId).equals("queued")
                    && !status(second, auth, coldId).equals("sending"));
            assertThat(status(second, auth, coldId)).as(get(second, "/v1/messages/" + coldId, "Authorization", auth).body()).isEqualTo("sent");
            assertThat(second.mailSink().messages()).anySatisfy(m -> assertThat(m.to()).contains("lead@example.org"));

            // A link in mail sent before the restart is signed with the same tracking secret (this run has another port).
            String link = second.url() + java.net.URI.create(unsubscribeUrl).getRawPath();
            HttpResponse<String> unsubscribed = TestPlatforms.send(TestPlatforms.requestTo(link)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
            assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
        }
    }

    @Test
    void whenTheKeptOwnerKeyNoLongerWorksTheNextStartBootstrapsAnotherWorkspaceAndKeepsItsKey() throws IOException {
        String revokedKey;
        String firstWorkspace;
        try (LocalPlatform first = start()) {
            revokedKey = first.ownerApiKey().orElseThrow();
            firstWorkspace = first.workspaceId().orElseThrow();
            String auth = "Bearer " + revokedKey;
            String keyId = json(get(first, "/v1/api-keys", "Authorization", auth)).path("data").get(0).path("id").asText();
            HttpResponse<String> revoked = TestPlatforms.send(TestPlatforms.request(first, "/v1/api-keys/" + keyId, "Authorization", auth)
                    .DELETE().build());
            assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 204);
        }

        try (LocalPlatform second = start()) {
            String newKey = second.ownerApiKey().orElseThrow();
            assertThat(newKey).isNotEqualTo(revokedKey);
            assertThat(second.workspaceId().orElseThrow()).isNotEqualTo(firstWorkspace);
            assertThat(get(second, "/v1/workspace", "Authorization", "Bearer " + newKey).statusCode()).isEqualTo(200);
            assertThat(Files.readString(dataDir.resolve("bootstrap.json"))).as("kept for the next start")
                    .contains(newKey).doesNotContain(revokedKey);
        }
    }

    private LocalPlatform start() {
        return LocalPlatform.builder().dataDir(dataDir).port(0).start();
    }

    private static String pool(LocalPlatform platform, String auth) {
        return TestPlatforms.ipPool(platform, auth, "main", "198.51.100.40", 100);
    }

    private static String mailbox(LocalPlatform platform, String auth) {
        HttpResponse<String> created = post(platform, "/v1/mailboxes", "{\"email\":\"" + MAILBOX + "\",\"smtp\":{\"host\":\"127.0.0.1\","
                + "\"port\":" + platform.mailSink().smtpPort() + ",\"username\":\"" + MAILBOX + "\",\"password\":\"" + MAILBOX_PASSWORD
                + "\",\"tls\":false},\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\","
                + "\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]}}", "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("timezone").asText()).as("no zone given").isEqualTo("UTC");
        return json(created).path("id").asText();
    }

    private static String send(LocalPlatform platform, String auth, String pool, int i) {
        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"news@restart.test\",\"to\":\"reader" + i
                + "@example.org\",\"subject\":\"Issue " + i + "\",\"text\":\"Hello\",\"ipPool\":\"" + pool + "\"}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return json(sent).path("id").asText();
    }

    private static long outboundDepth(LocalPlatform platform) {
        for (JsonNode queue : json(get(platform, "/_local/queues")).path("queues")) {
            if (queue.path("name").asText().equals("outbound-messages")) {
                return queue.path("messages").asLong() + queue.path("inFlight").asLong();
            }
        }
        throw new AssertionError("GET /_local/queues lists no outbound-messages");
    }

    private static String status(LocalPlatform platform, String auth, String id) {
        return json(get(platform, "/v1/messages/" + id, "Authorization", auth)).path("status").asText();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
