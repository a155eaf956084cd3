package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.embedded.CapturedMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mailbox's SMTP security over HTTP on the whole platform: {@code tls} is implicit, starttls-required, starttls or
 * none (earlier booleans still read), defaults by port, a trusted certificate only with TLS and only as PEM, shown by
 * fingerprint. Locally a mailbox with implicit TLS sends through the sink's TLS listener.
 */
class MailboxTlsEndToEndTest {

    private static final String JSON = "application/json";
    private static final String ALL_DAYS = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]";

    private static LocalPlatform platform;
    private static String auth;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
        TestPlatforms.verifiedDomain(platform, auth, "coldco.test");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aMailboxWithImplicitTlsAndATrustedCertificateSendsOverTls() throws Exception {
        String pem = platform.mailSink().certificatePem();
        platform.mailSink().ensureUser("tls@coldco.test", "pw-tls");
        HttpResponse<String> created = create("tls@coldco.test", 465, "\"implicit\"", pem);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode smtp = json(created).path("smtp");
        assertThat(smtp.path("tls").asText()).isEqualTo("implicit");
        assertThat(smtp.path("trustedCertificates")).hasSize(1);
        assertThat(smtp.path("trustedCertificates").get(0).path("sha256").asText()).isEqualTo(sha256(pem));
        assertThat(smtp.path("trustedCertificates").get(0).path("subject").asText()).contains("CN=localhost");
        assertThat(created.body()).doesNotContain("BEGIN CERTIFICATE");

        HttpResponse<String> sent = post(platform, "/v1/messages", "{\"from\":\"tls@coldco.test\",\"to\":\"prospect@example.org\","
                + "\"subject\":\"Over TLS\",\"text\":\"Hi.\",\"mailbox\":\"" + json(created).path("id").asText() + "\"}",
                "Authorization", auth, "Content-Type", JSON);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = json(sent).path("id").asText();
        await(Duration.ofSeconds(20), "the mail in the sink", () -> !to("prospect@example.org").isEmpty());
        assertThat(to("prospect@example.org").get(0).headers().get("X-PM-Message-Id")).containsExactly(id);
        assertThat(platform.mailSink().receivedOverTls(to("prospect@example.org").get(0))).as("through the sink's TLS listener").isTrue();
        await(Duration.ofSeconds(10), "sent", () -> json(TestPlatforms.get(platform, "/v1/messages/" + id, "Authorization", auth))
                .path("status").asText().equals("sent"));
    }

    @Test
    void tlsDefaultsByPortAndReadsTheEarlierBooleans() {
        assertThat(tls(create("d465@coldco.test", 465, null, null))).isEqualTo("implicit");
        assertThat(tls(create("d587@coldco.test", 587, null, null))).isEqualTo("starttls-required");
        assertThat(tls(create("dtrue@coldco.test", 587, "true", null))).isEqualTo("starttls");
        assertThat(tls(create("dfalse@coldco.test", 25, "false", null))).isEqualTo("none");
        assertThat(tls(create("dreq@coldco.test", 587, "\"STARTTLS-REQUIRED\"", null))).isEqualTo("starttls-required");
    }

    @Test
    void aWrongTlsValueOrCertificateIsRefusedNamingTheField() {
        HttpResponse<String> unknown = create("bad1@coldco.test", 465, "\"ssl\"", null);
        assertField(unknown, "smtp.tls");
        assertThat(json(unknown).path("detail").asText()).contains("implicit", "starttls-required", "starttls", "none");
        assertField(create("bad2@coldco.test", 465, "5", null), "smtp.tls");
        assertField(create("bad3@coldco.test", 465, "\"implicit\"", "not a certificate"), "smtp.trustedCertificate");
        assertField(create("bad4@coldco.test", 465, "\"implicit\"", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                "smtp.trustedCertificate");
        assertField(create("bad5@coldco.test", 25, "\"none\"", platform.mailSink().certificatePem()), "smtp.trustedCertificate");
    }

    private static HttpResponse<String> create(String email, int port, String tls, String trustedCertificate) {
        return post(platform, "/v1/mailboxes", "{\"email\":\"" + email + "\",\"smtp\":{\"host\":\"smtp.coldco.test\",\"port\":" + port
                + ",\"username\":\"" + email + "\",\"password\":\"pw-tls\"" + (tls == null ? "" : ",\"tls\":" + tls)
                + (trustedCertificate == null ? "" : ",\"trustedCertificate\":\"" + trustedCertificate.replace("\n", "\\n") + "\"") + "},"
                + "\"timezone\":\"" + TestPlatforms.zoneAtNoon(platform) + "\","
                + "\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":" + ALL_DAYS + "},\"warmupEnabled\":false}",
                "Authorization", auth, "Content-Type", JSON);
    }

    private static String tls(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("smtp").path("tls").asText();
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo(field);
    }

    private static List<CapturedMessage> to(String recipient) {
        return platform.mailSink().messages().stream().filter(m -> m.to().contains(recipient)).toList();
    }

    private static String sha256(String pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
