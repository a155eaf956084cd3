package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.internal.SqsOutboundQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sending story of issue 4 as a user would try it, on the whole local platform: verify a domain against the local
 * zone file, a pool of two warming IPs, a batch larger than today's caps (exactly the caps go out, the rest wait for
 * the next day's warmup run), SQS redelivery sends nothing twice, one-click unsubscribe suppresses, an SES complaint
 * suppresses and counts, and hard bounces over the line pause the IP with a reason. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendingEndToEndTest {

    private static final String JSON = "application/json";
    private static LocalPlatform platform;
    private static String auth;
    private static String pool;
    private static final List<String> batchIds = new ArrayList<>();
    /** The recipient the one-click unsubscribe step suppressed. */
    private static String unsubscribed;

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
    @Order(1)
    void aDomainVerifiesOnceItsRecordsArePublished() {
        HttpResponse<String> created = post(platform, "/v1/domains", "{\"name\":\"acme.test\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("records").toString()).contains("_domainkey.acme.test").contains("_dmarc.acme.test");

        HttpResponse<String> unverifiedSend = post(platform, "/v1/messages", "{\"from\":\"news@acme.test\",\"to\":\"a@example.org\","
                + "\"subject\":\"x\",\"text\":\"x\",\"ipPool\":\"none\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(json(unverifiedSend).path("type").asText()).endsWith("/domain-not-verified");

        assertThat(json(verify()).path("status").asText()).isEqualTo("FAILED");
        assertThat(post(platform, "/_local/dns/acme.test/publish", "").statusCode()).isEqualTo(200);
        assertThat(json(verify()).path("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    @Order(2)
    void aBatchLargerThanTodaysCapsSendsExactlyTheCapsAndDefersTheRest() {
        String ip1 = createIp("198.51.100.10", "[3,6,12]");
        String ip2 = createIp("198.51.100.11", "[2,4,8]");
        HttpResponse<String> created = post(platform, "/v1/ip-pools", "{\"name\":\"main\",\"ips\":[{\"ipId\":\"" + ip1 + "\",\"weight\":2},"
                + "{\"ipId\":\"" + ip2 + "\",\"weight\":1}]}", "Authorization", auth, "Content-Type", JSON);
        pool = json(created).path("id").asText();

        HttpResponse<String> address = TestPlatforms.send(TestPlatforms.request(platform, "/v1/workspace", "Authorization", auth,
                "Content-Type", JSON).method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"postalAddress\":\"Acme Inc., 1 Main St, Springfield, IL 62701, USA\"}")).build());
        assertThat(address.statusCode()).as(address.body()).isEqualTo(200);

        StringBuilder recipients = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"to\":\"user").append(i).append("@example.org\",\"variables\":{\"name\":\"User ")
                    .append(i).append("\"}}");
        }
        recipients.append(",{\"to\":\"not-an-address\"},{\"to\":\"x@example.org\",\"variables\":{}}]");
        HttpResponse<String> batch = post(platform, "/v1/messages/batch", "{\"from\":\"news@acme.test\",\"subject\":\"Hi {{name}}\","
                + "\"html\":\"<p>Hello {{name}} <a href=\\\"https://acme.test/offer\\\">offer</a></p>\",\"text\":\"Hello {{name}}\","
                + "\"recipients\":" + recipients + ",\"ipPool\":\"" + pool + "\",\"trackClicks\":true}", "Authorization", auth, "Content-Type", JSON);

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        assertThat(json(batch).path("accepted").asInt()).isEqualTo(8);
        assertThat(json(batch).path("rejected").asInt()).as("a bad address and a missing variable").isEqualTo(2);
        json(batch).path("results").forEach(r -> {
            if (!r.path("messageId").isMissingNode() && !r.path("messageId").isNull()) {
                batchIds.add(r.path("messageId").asText());
            }
        });
        await(Duration.ofSeconds(30), "5 mails in the sink and 3 deferred", () -> platform.mailSink().messages().size() == 5
                && statuses().stream().filter("deferred"::equals).count() == 3);
        pause(Duration.ofSeconds(2));
        assertThat(platform.mailSink().messages()).hasSize(5);

        CapturedMessage mail = platform.mailSink().messages().get(0);
        assertThat(mail.headers().get("List-Unsubscribe").get(0)).contains("/t/unsubscribe/").contains("mailto:");
        assertThat(mail.headers().get("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(mail.subject()).startsWith("Hi User ");
        assertThat(mail.html()).contains("/t/click/").doesNotContain("href=\"https://acme.test/offer\"");
        assertThat(mail.html()).as("CAN-SPAM footer").contains("1 Main St, Springfield");
        assertThat(mail.text()).contains("1 Main St, Springfield").contains("Unsubscribe: http");
        await(Duration.ofSeconds(20), "delivery events applied", () -> statuses().stream().filter("delivered"::equals).count() == 5);
    }

    @Test
    @Order(3)
    void redeliveredSqsMessagesSendNothingTwice() {
        String queueUrl = platform.queueUrl("outbound-messages");
        for (int round = 0; round < 2; round++) {
            for (String id : batchIds) {
                platform.sqs().sendMessage(r -> r.queueUrl(queueUrl)
                        .messageBody(SqsOutboundQueue.body(new OutboundQueue.Ticket(platform.workspaceId().orElseThrow(), id))));
            }
        }
        pause(Duration.ofSeconds(4));
        assertThat(platform.mailSink().messages()).hasSize(5);
        Set<String> recipients = new HashSet<>();
        platform.mailSink().messages().forEach(m -> assertThat(recipients.add(m.to().get(0))).as("each recipient once").isTrue());
    }

    @Test
    @Order(4)
    void theNextDaysWarmupRunRaisesTheCapsAndSendsTheDeferred() {
        Instant now = platform.clock().instant();
        Instant nextMidnight = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        HttpResponse<String> advanced = post(platform, "/_local/clock/advance",
                "{\"seconds\":" + (Duration.between(now, nextMidnight).getSeconds() + 30) + "}", "Content-Type", JSON);
        assertThat(advanced.body()).contains("ip-warmup");

        await(Duration.ofSeconds(30), "the 3 deferred mails", () -> platform.mailSink().messages().size() == 8);
        String ip = json(get(platform, "/v1/ip-pools/" + pool, "Authorization", auth)).path("members").get(0).path("ipId").asText();
        JsonNode warmup = json(get(platform, "/v1/ips/" + ip + "/warmup", "Authorization", auth));
        assertThat(warmup.path("step").asInt()).isEqualTo(1);
        assertThat(warmup.path("history").get(0).path("decision").asText()).isEqualTo("ADVANCED");
    }

    @Test
    @Order(5)
    void oneClickUnsubscribeSuppressesTheNextSend() {
        CapturedMessage mail = platform.mailSink().messages().get(1);
        unsubscribed = mail.to().get(0);
        String header = mail.headers().get("List-Unsubscribe").get(0);
        String url = header.substring(header.indexOf('<') + 1, header.indexOf('>'));

        HttpResponse<String> unsubscribed = TestPlatforms.send(TestPlatforms.requestTo(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        HttpResponse<String> forged = TestPlatforms.send(TestPlatforms.requestTo(url + "x")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(forged.statusCode()).isEqualTo(404);

        HttpResponse<String> next = post(platform, "/v1/messages", "{\"from\":\"news@acme.test\",\"to\":\"" + mail.to().get(0) + "\","
                + "\"subject\":\"again\",\"text\":\"x\",\"ipPool\":\"" + pool + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(next.statusCode()).isEqualTo(422);
        assertThat(json(next).path("type").asText()).endsWith("/recipient-suppressed");
    }

    @Test
    @Order(6)
    void anSesComplaintSuppressesAndCountsAgainstTheIp() {
        // A sent mail to someone not suppressed yet: senders work on several batches at once, as in Lambda, so which
        // recipient's mail reached the sink second (and was unsubscribed above) is not known in advance.
        JsonNode message = batchIds.stream().map(id -> json(get(platform, "/v1/messages/" + id, "Authorization", auth)))
                .filter(m -> !m.path("sentThrough").asText().isEmpty() && !m.path("to").asText().equals(unsubscribed))
                .findFirst().orElseThrow();
        String recipient = message.path("to").asText();
        String ip = message.path("sentThrough").asText();
        sendSesEvent("complaint.json", message.path("id").asText(), recipient, ip);

        await(Duration.ofSeconds(20), "the complaint applied", () -> json(get(platform, "/v1/messages/" + message.path("id").asText(),
                "Authorization", auth)).path("status").asText().equals("complained"));
        // The message's status is written just before the suppression, so the suppression may show a moment later.
        await(Duration.ofSeconds(10), "the complaint suppression", () -> get(platform, "/v1/suppressions", "Authorization", auth).body()
                .contains("\"email\":\"" + recipient + "\",\"scope\":\"workspace\",\"reason\":\"COMPLAINT\""));
        await(Duration.ofSeconds(10), "the complaint counted against the IP", () -> json(get(platform, "/v1/reputation", "Authorization", auth))
                .path("data").toString().contains("\"complaints\":1"));
    }

    @Test
    @Order(7)
    void hardBouncesOverThePauseLinePauseTheIpWithAReason() {
        String ip = createIp("198.51.100.12", "[500]");
        String bigPool = json(post(platform, "/v1/ip-pools", "{\"name\":\"big\",\"ips\":[{\"ipId\":\"" + ip + "\",\"weight\":1}]}",
                "Authorization", auth, "Content-Type", JSON)).path("id").asText();
        StringBuilder recipients = new StringBuilder("[");
        for (int i = 0; i < 220; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"to\":\"bulk").append(i).append("@example.net\"}");
        }
        HttpResponse<String> batch = post(platform, "/v1/messages/batch", "{\"from\":\"news@acme.test\",\"subject\":\"Bulk\",\"text\":\"x\","
                + "\"recipients\":" + recipients + "],\"ipPool\":\"" + bigPool + "\"}", "Authorization", auth, "Content-Type", JSON);
        assertThat(json(batch).path("accepted").asInt()).isEqualTo(220);
        int before = 8;
        await(Duration.ofSeconds(90), "220 bulk mails sent", () -> platform.mailSink().messages().size() >= before + 220);

        List<JsonNode> results = new ArrayList<>();
        json(batch).path("results").forEach(results::add);
        for (int i = 0; i < 25; i++) {
            JsonNode r = results.get(i);
            sendSesEvent("bounce-permanent.json", r.path("messageId").asText(), r.path("to").asText(), ip);
        }
        await(Duration.ofSeconds(30), "the IP paused", () -> json(get(platform, "/v1/ips/" + ip, "Authorization", auth))
                .path("status").asText().equals("paused"));
        JsonNode paused = json(get(platform, "/v1/ips/" + ip, "Authorization", auth));
        assertThat(paused.path("pauseReason").asText()).contains("hard-bounce rate").contains("10 %");
        assertThat(paused.path("capToday").asInt()).isZero();
        assertThat(get(platform, "/v1/suppressions?limit=500", "Authorization", auth).body()).contains(results.get(3).path("to").asText());
    }

    private static void sendSesEvent(String sample, String messageId, String recipient, String ip) {
        String body = read(sample).replace("WORKSPACE_ID", platform.workspaceId().orElseThrow()).replace("MESSAGE_ID", messageId)
                .replace("RECIPIENT", recipient).replace("IP_ID", ip).replace("POOL_ID", "pool");
        // stamp=now: the sample's times become the platform's now, or its day could lie outside the reputation window.
        HttpResponse<String> sent = post(platform, "/_local/queues/delivery-events/messages?stamp=now", body, "Content-Type", JSON);
        assertThat(sent.statusCode()).isEqualTo(202);
    }

    private static String read(String sample) {
        try {
            return Files.readString(Path.of("..", "events", "ses", sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> verify() {
        return post(platform, "/v1/domains/acme.test/verify", "", "Authorization", auth);
    }

    private static String createIp(String address, String steps) {
        HttpResponse<String> created = post(platform, "/v1/ips", "{\"address\":\"" + address + "\",\"warmupSteps\":" + steps + "}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static List<String> statuses() {
        List<String> statuses = new ArrayList<>();
        json(get(platform, "/v1/messages?limit=200", "Authorization", auth)).path("data").forEach(m -> statuses.add(m.path("status").asText()));
        return statuses;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
