package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static com.penguinmails.local.TestPlatforms.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local API Gateway: routing, the Lambda authorizer, payload 2.0 events and API Gateway's own errors. */
class LocalHttpApiTest {

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
    void routesToTheFunctionWithPathParametersAndTheAuthorizerContext() {
        HttpResponse<String> response = get(platform, "/v1/things/t%2042?tag=a&tag=b&q=x%20y",
                "Authorization", "Bearer good", "Cookie", "c1=v1; c2=v2", "X-Trace", "one");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = json(response);
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /v1/things/{id}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/things/t%2042");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("t 42");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x%20y");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b");
        assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("x y");
        assertThat(event.path("headers").path("x-trace").asText()).isEqualTo("one");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
        assertThat(event.path("authorizer").path("role").asText()).isEqualTo("user");
        assertThat(event.path("authorizer").path("workspaceId").asText()).isEqualTo("ws-1");
        assertThat(event.path("authorizer").path("type").asText()).isEqualTo("REQUEST");
        assertThat(event.path("authorizer").path("routeKey").asText()).isEqualTo("GET /v1/things/{id}");
        assertThat(event.path("authorizer").path("routeArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:local/$default/GET/v1/things/t%2042");
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo("local");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("method").asText()).isEqualTo("GET");
        assertThat(context.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(Instant.ofEpochMilli(context.path("timeEpoch").asLong()))
                .isBetween(platform.clock().instant().minusSeconds(30), platform.clock().instant());
        assertThat(event.path("functionName").asText()).isEqualTo("pm-local-echo");
        assertThat(event.path("stage").asText()).isEqualTo("local");
    }

    @Test
    void mapsTheHandlersHeadersMultiValueHeadersAndCookiesBack() {
        HttpResponse<String> response = get(platform, "/v1/things/1", "Authorization", "Bearer good");

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-echo")).hasValue("yes");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/");
    }

    @Test
    void theOperatorKeyOfTheRunIsKnownToTheAuthorizerByItsHash() {
        HttpResponse<String> response = get(platform, "/v1/things/1",
                "Authorization", "Bearer " + platform.operatorKey());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("authorizer").path("role").asText()).isEqualTo("operator");
        assertThat(platform.operatorKey()).matches("pm_live_[0-9A-Za-z]{43}");
    }

    @Test
    void answersForbiddenAsApiGatewayDoesWhenTheAuthorizerSaysNo() {
        HttpResponse<String> response = get(platform, "/v1/things/1", "Authorization", "Bearer bad");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(get(platform, "/v1/things/1").statusCode()).isEqualTo(403);
    }

    @Test
    void publicRoutesSkipTheAuthorizer() {
        HttpResponse<String> response = get(platform, "/public/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).hasNonNull("authorizer")).isFalse();
        assertThat(json(response).hasNonNull("pathParameters")).isFalse();
    }

    @Test
    void unknownRoutesGetANotFoundProblem() {
        HttpResponse<String> response = get(platform, "/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"https://docs.penguinmails.dev/problems/route-not-found\","
                + "\"title\":\"Not Found\",\"status\":404,\"detail\":\"No route for GET /x\"}");
        assertThat(send(TestPlatforms.request(platform, "/v1/things/1").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aHandlerThatThrowsIsAnInternalServerError() {
        HttpResponse<String> response = get(platform, "/v1/things/boom", "Authorization", "Bearer good");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void textBodiesArriveAsTextAndOthersBase64Encoded() {
        JsonNode json = json(post(platform, "/v1/things", "{\"a\":1}",
                "Authorization", "Bearer good", "Content-Type", "application/json; charset=utf-8"));
        assertThat(json.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(json.path("isBase64Encoded").asBoolean()).isFalse();

        byte[] binary = {0, (byte) 0xff, 42};
        JsonNode encoded = json(send(TestPlatforms.request(platform, "/v1/things",
                        "Authorization", "Bearer good", "Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build()));
        assertThat(encoded.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(encoded.path("body").asText())).isEqualTo(binary);
    }

    @Test
    void bodiesOverApiGatewaysLimitAreRefused() {
        byte[] tooLarge = new byte[HttpGateway.MAX_BODY_BYTES + 1];
        HttpResponse<String> response = send(TestPlatforms.request(platform, "/v1/things",
                        "Authorization", "Bearer good", "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void theOutboxShowsMailTheSinkReceived() throws MessagingException {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(platform.mailSink().smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom("sender@example.test");
        message.setRecipients(Message.RecipientType.TO, "reader@example.test");
        message.setSubject("Outbox check");
        message.setText("Hello from the test");
        Transport.send(message);

        JsonNode outbox = json(get(platform, "/_local/outbox"));

        assertThat(outbox).anySatisfy(mail -> {
            assertThat(mail.path("subject").asText()).isEqualTo("Outbox check");
            assertThat(mail.path("from").asText()).contains("sender@example.test");
            assertThat(mail.path("to")).extracting(JsonNode::asText).containsExactly("reader@example.test");
            assertThat(mail.path("text").asText()).contains("Hello from the test");
            assertThat(mail.path("messageId").asText()).isNotBlank();
            assertThat(mail.path("receivedAt").asText()).isNotBlank();
        });
    }

    @Test
    void servesHealthAndTheApiDescription() throws IOException {
        assertThat(json(get(platform, "/_local/health")).path("status").asText()).isEqualTo("ok");

        HttpResponse<String> openApi = get(platform, "/openapi.yaml");
        assertThat(openApi.statusCode()).isEqualTo(200);
        try (InputStream expected = getClass().getClassLoader().getResourceAsStream("penguinmails/openapi.yaml")) {
            assertThat(openApi.body()).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
