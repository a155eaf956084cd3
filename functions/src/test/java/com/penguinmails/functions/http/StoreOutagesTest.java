package com.penguinmails.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.core.platform.AwsClients;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.platform.SdkTimeouts;
import com.penguinmails.functions.apikeys.ApiKeysHandler;
import com.penguinmails.functions.auth.ApiKeyAuthorizerHandler;
import com.penguinmails.functions.testing.FunctionHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A store that stops answering, through the real SDK: a TCP server that accepts connections and never answers (what a
 * frozen DynamoDB looks like to a client), and a port nobody listens on. Functions here get a 6 s timeout, so each
 * SDK call gives up after 2 s; the bounds asserted are the function's timeout, what Lambda would enforce.
 */
class StoreOutagesTest {

    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(6);
    private static ServerSocket silent;
    private static final List<Socket> held = new ArrayList<>();

    @BeforeAll
    static void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket socket = silent.accept();
                    synchronized (held) {
                        held.add(socket);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-store");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopSilentServer() throws IOException {
        silent.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aCallToAStoreThatDoesNotAnswerGivesUpWithinItsTimeoutAndIsAnOutage() {
        SdkTimeouts timeouts = SdkTimeouts.forFunctionTimeout(FUNCTION_TIMEOUT);
        try (DynamoDbClient client = AwsClients.dynamoDb(silentEndpoint(), "us-east-1", List.of(), timeouts)) {
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> client.getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("x")))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOf(SdkClientException.class);
            assertThat(StoreOutages.isOutage(failure)).as(failure.toString()).isTrue();
            assertThat(StoreOutages.isOutage(new IllegalStateException("wrapped", failure))).isTrue();
            assertThat(took).as("well inside the function's timeout").isLessThan(FUNCTION_TIMEOUT.dividedBy(2));
        }
    }

    @Test
    void aStoreNobodyListensOnIsAnOutage() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (DynamoDbClient client = AwsClients.dynamoDb(closed, "us-east-1", List.of(), SdkTimeouts.forFunctionTimeout(FUNCTION_TIMEOUT))) {
            Throwable failure = catchThrowable(client::listTables);
            assertThat(StoreOutages.isOutage(failure)).as(String.valueOf(failure)).isTrue();
        }
    }

    @Test
    void failuresThatSayNothingAboutAvailabilityAreNotOutages() {
        assertThat(StoreOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(StoreOutages.isOutage(SdkClientException.create("Unable to load credentials from any provider"))).isFalse();
        assertThat(StoreOutages.isOutage(ConditionalCheckFailedException.builder().statusCode(400).message("condition").build())).isFalse();
        assertThat(StoreOutages.isOutage(new UncheckedIOException(new IOException("not from the SDK")))).isFalse();
        assertThat(StoreOutages.isOutage(DynamoDbException.builder().statusCode(500).message("internal").build())).isTrue();
        assertThat(StoreOutages.isOutage(DynamoDbException.builder().statusCode(503).message("unavailable").build())).isTrue();
    }

    @Test
    void anApiCallWhoseStoreDoesNotAnswerGets503ProblemJsonWithRetryAfterWithinTheFunctionTimeout() throws Exception {
        ApiKeysHandler handler = new ApiKeysHandler(silentPlatform("api-keys-api"));

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(createKeyEvent(null), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertStoreUnavailable(response);
        assertThat(took).isLessThan(FUNCTION_TIMEOUT);
    }

    @Test
    void anAuthorizerThatCannotLookTheKeyUpSaysSoAndTheFunctionAnswers503() throws Exception {
        ApiKeyAuthorizerHandler authorizer = new ApiKeyAuthorizerHandler(silentPlatform("authorizer"));
        APIGatewayV2CustomAuthorizerEvent request = FunctionHarness.event("authorizer/request.json", APIGatewayV2CustomAuthorizerEvent.class,
                Map.of("pm_live_REPLACE_WITH_YOUR_KEY_0000000000000000000000", "pm_live_" + "A".repeat(43)));

        long started = System.nanoTime();
        SimpleIAMPolicyResponse verdict = authorizer.handleRequest(request, null);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FUNCTION_TIMEOUT);
        assertThat(verdict.getIsAuthorized()).as("a thrown authorizer would be a bare 500 from API Gateway").isTrue();

        ApiKeysHandler handler = new ApiKeysHandler(silentPlatform("api-keys-api"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(createKeyEvent(new HashMap<>(verdict.getContext())), null);
        assertStoreUnavailable(response);
    }

    private static void assertStoreUnavailable(APIGatewayV2HTTPResponse response) throws IOException {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Retry-After", Integer.toString(StoreOutages.RETRY_AFTER_SECONDS));
        JsonNode problem = Json.MAPPER.readTree(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/store-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
    }

    private static APIGatewayV2HTTPEvent createKeyEvent(Map<String, Object> authorizerContext) {
        APIGatewayV2HTTPEvent event = FunctionHarness.event("http/create-api-key.json", APIGatewayV2HTTPEvent.class);
        event.setHeaders(new HashMap<>(event.getHeaders()));
        if (authorizerContext != null) {
            event.getRequestContext().getAuthorizer().setLambda(authorizerContext);
        }
        return event;
    }

    /** A function with the catalog's environment but a 6 s timeout, whose DynamoDB and SQS never answer. */
    private static Platform silentPlatform(String function) {
        Map<String, String> environment = new HashMap<>(FunctionHarness.CATALOG.function(function).environment(new ResourceNames() {
            public String tableName(String table) {
                return "silent-" + table;
            }

            public String queueUrl(String queue) {
                return silentEndpoint() + "/000000000000/" + queue;
            }

            public String eventTopicArn() {
                return "arn:aws:sns:us-east-1:000000000000:silent-events";
            }
        }));
        environment.put(FunctionSpec.TIMEOUT_VARIABLE, Long.toString(FUNCTION_TIMEOUT.toSeconds()));
        SdkTimeouts timeouts = SdkTimeouts.fromEnvironment(environment);
        return Platform.create(environment, AwsClients.dynamoDb(silentEndpoint(), "us-east-1", List.of(), timeouts),
                AwsClients.sqs(silentEndpoint(), "us-east-1", timeouts), Clock.systemUTC());
    }

    private static URI silentEndpoint() {
        return URI.create("http://127.0.0.1:" + silent.getLocalPort());
    }
}
