package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail through a mailbox carries the mailbox's own From: its address or one of the aliases it was created with
 * (domain in any case, local part exactly). Any other From, even in a verified domain of the workspace, is a 422
 * {@code from-not-mailbox} naming {@code from}, for single and batch sends alike. Over HTTP on the whole platform.
 */
class MailboxFromEndToEndTest {

    private static final String JSON = "application/json";
    private static final String ANN = "ann@coldco.test";
    private static final String ALL_DAYS = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]";

    private static LocalPlatform platform;
    private static String auth;
    private static String mailbox;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        platform.mailSink().ensureUser(ANN, "pw-1");
        TestPlatforms.verifiedDomain(platform, auth, "coldco.test");
        HttpResponse<String> created = createMailbox(ANN, "[\"sales@coldco.test\", \" hello@Coldco.Test \"]");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        mailbox = json(created).path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theMailboxShowsItsAliases() {
        JsonNode view = json(get(platform, "/v1/mailboxes/" + mailbox, "Authorization", auth));

        assertThat(view.path("aliases")).extracting(JsonNode::asText).containsExactly("sales@coldco.test", "hello@Coldco.Test");
    }

    @Test
    void aliasesMustBeValidDistinctAddressesOtherThanTheMailboxsOwn() {
        assertField(createMailbox("zed@coldco.test", "[\"sales@coldco.test\", \"not an address\"]"), "aliases[1]");
        assertField(createMailbox("zed@coldco.test", "[\"zed@COLDCO.test\"]"), "aliases[0]");
        assertField(createMailbox("zed@coldco.test", "[\"a@coldco.test\", \"a@COLDCO.test\"]"), "aliases[1]");
    }

    @Test
    void anotherAddressOfAVerifiedDomainIsRefusedNamingFrom() {
        for (String from : List.of("bob@coldco.test", "Sales@coldco.test")) {
            HttpResponse<String> refused = send("/v1/messages", from, "\"to\":\"p1@example.org\"");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(json(refused).path("type").asText()).endsWith("/from-not-mailbox");
            assertThat(json(refused).path("field").asText()).isEqualTo("from");
            assertThat(json(refused).path("detail").asText()).contains(ANN, "sales@coldco.test", from);
        }
        HttpResponse<String> batch = send("/v1/messages/batch", "bob@coldco.test", "\"recipients\":[{\"to\":\"p2@example.org\"}]");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(422);
        assertThat(json(batch).path("type").asText()).endsWith("/from-not-mailbox");
        assertThat(platform.mailSink().messages()).noneMatch(m -> m.to().contains("p1@example.org") || m.to().contains("p2@example.org"));
    }

    @Test
    void anAliasAndTheMailboxsAddressInAnyDomainCaseAreAccepted() {
        HttpResponse<String> alias = send("/v1/messages", "hello@coldco.test", "\"to\":\"p3@example.org\"");

        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(202);
        await(Duration.ofSeconds(20), "the alias's mail in the sink", () -> !sinkMessagesTo("p3@example.org").isEmpty());
        CapturedMessage mail = sinkMessagesTo("p3@example.org").get(0);
        assertThat(mail.from()).contains("hello@coldco.test");
        assertThat(mail.headers().get("X-PM-Message-Id")).containsExactly(json(alias).path("id").asText());

        // Accepted; it then waits for the mailbox's send gap like any second cold email.
        HttpResponse<String> own = send("/v1/messages", "ann@ColdCo.TEST", "\"to\":\"p4@example.org\"");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
    }

    private static HttpResponse<String> createMailbox(String email, String aliases) {
        return post(platform, "/v1/mailboxes", "{\"email\":\"" + email + "\",\"aliases\":" + aliases + ","
                + "\"smtp\":{\"host\":\"smtp.coldco.test\",\"port\":587,\"username\":\"" + email + "\",\"password\":\"pw-1\",\"tls\":\"none\"},"
                + "\"timezone\":\"" + TestPlatforms.zoneAtNoon(platform) + "\","
                + "\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":" + ALL_DAYS + "},\"warmupEnabled\":false}",
                "Authorization", auth, "Content-Type", JSON);
    }

    private static HttpResponse<String> send(String path, String from, String recipients) {
        return post(platform, path, "{\"from\":\"" + from + "\"," + recipients + ",\"subject\":\"Quick idea\",\"text\":\"Hi.\","
                + "\"mailbox\":\"" + mailbox + "\"}", "Authorization", auth, "Content-Type", JSON);
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo(field);
    }

    private static List<CapturedMessage> sinkMessagesTo(String recipient) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(recipient)).toList();
    }
}
