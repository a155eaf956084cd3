package com.penguinmails.functions.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Json;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.testing.FunctionHarness;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiKeysHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private FunctionHarness harness;
    private ApiKeysHandler handler;
    private CreatedWorkspace workspace;

    @BeforeEach
    void setUp() {
        harness = new FunctionHarness(DYNAMO);
        handler = new ApiKeysHandler(harness.platformFor("api-keys-api", FunctionHarness.clock(), Map.of()));
        workspace = IdentityWiring.workspaceService(harness.platformFor("workspaces-api", FunctionHarness.clock(), Map.of()))
                .create(new Caller(Principal.operator(), "127.0.0.1"), new NewWorkspace("Acme", new NewWorkspace.Owner("ada@acme.test", "Ada")));
    }

    @Test
    void createFromTheSampleEvent_returnsTheSecretOnceAndReplaysOnTheSameIdempotencyKey() throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(createEvent(null), null);

        assertThat(first.getStatusCode()).isEqualTo(201);
        JsonNode body = Json.MAPPER.readTree(first.getBody());
        assertThat(body.get("secret").asText()).startsWith("pm_live_");
        assertThat(body.get("scopes").get(0).asText()).isEqualTo("messages:send");
        assertThat(body.get("rateLimitPerSecond").asInt()).isEqualTo(50);
        assertThat(first.getHeaders()).containsEntry("Location", "/v1/api-keys/" + body.get("id").asText());

        APIGatewayV2HTTPResponse replay = handler.handleRequest(createEvent(null), null);
        assertThat(replay.getBody()).isEqualTo(first.getBody());
        assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");

        APIGatewayV2HTTPResponse reused = handler.handleRequest(createEvent("{\"name\":\"other\",\"scopes\":[\"messages:send\"]}"), null);
        assertProblem(reused, 422, "idempotency-key-reused");
    }

    @Test
    void badInput_getsAClearProblemNeverA500() {
        assertProblem(handler.handleRequest(createEvent("{\"name\":\"x\",\"scopes\":[\"full\"],\"colour\":\"blue\"}", "k1"), null), 400, "unknown-field");
        assertProblem(handler.handleRequest(createEvent("{\"name\":\"x\",\"scopes\":\"full\"}", "k2"), null), 400, "invalid-field");
        assertProblem(handler.handleRequest(createEvent("{\"name\":\"x\",\"expiresAt\":\"tomorrow\",\"scopes\":[\"full\"]}", "k3"), null), 400, "invalid-field");
        assertProblem(handler.handleRequest(createEvent("{\"name\":", "k4"), null), 400, "invalid-json");
        assertProblem(handler.handleRequest(createEvent("[]", "k5"), null), 400, "invalid-json");
        assertProblem(handler.handleRequest(createEvent("null", "k6"), null), 400, "invalid-json");
        assertProblem(handler.handleRequest(createEvent("{\"name\":\"x\",\"scopes\":[\"nope\"]}", "k7"), null), 400, "unknown-scope");
        assertProblem(handler.handleRequest(createEvent("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}", "k8"), null), 413, "payload-too-large");

        APIGatewayV2HTTPEvent form = createEvent("name=x", "k9");
        form.getHeaders().put("content-type", "application/x-www-form-urlencoded");
        assertProblem(handler.handleRequest(form, null), 415, "unsupported-media-type");
    }

    @Test
    void unknownFieldProblem_namesTheField() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(createEvent("{\"name\":\"x\",\"scopes\":[\"full\"],\"colour\":\"blue\"}", "u1"), null);
        JsonNode problem = Json.MAPPER.readTree(response.getBody());
        assertThat(problem.get("field").asText()).isEqualTo("colour");
        assertThat(problem.get("detail").asText()).contains("colour").contains("scopes");
    }

    @Test
    void missingKey_is401AndIsAuditedThroughTheQueue() throws Exception {
        APIGatewayV2HTTPEvent event = FunctionHarness.event("http/list-api-keys-unauthenticated.json", APIGatewayV2HTTPEvent.class);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.getHeaders()).containsKey("WWW-Authenticate");
        var messages = FunctionHarness.sqs().receiveMessage(r -> r.queueUrl(harness.queueUrl("audit-events")).waitTimeSeconds(2)).messages();
        assertThat(messages).singleElement().satisfies(m -> {
            JsonNode audit = Json.MAPPER.readTree(m.body());
            assertThat(audit.get("action").asText()).isEqualTo("auth.failed");
            assertThat(audit.get("outcome").asText()).isEqualTo("missing");
            assertThat(audit.get("sourceIp").asText()).isEqualTo("198.51.100.23");
        });
    }

    @Test
    void aScopeTheKeyLacks_is403() {
        APIGatewayV2HTTPEvent event = createEvent(null);
        event.getRequestContext().getAuthorizer().getLambda().put("scopes", "messages:send api-keys:read");
        assertProblem(handler.handleRequest(event, null), 403, "insufficient-scope");
    }

    @Test
    void anotherWorkspacesKey_is404() {
        APIGatewayV2HTTPResponse created = handler.handleRequest(createEvent(null), null);
        String keyId = readId(created);
        CreatedWorkspace other = IdentityWiring.workspaceService(harness.platformFor("workspaces-api", FunctionHarness.clock(), Map.of()))
                .create(new Caller(Principal.operator(), null), new NewWorkspace("Other", new NewWorkspace.Owner("bob@other.test", "Bob")));

        APIGatewayV2HTTPEvent get = createEvent(null);
        get.setRouteKey("GET /v1/api-keys/{id}");
        get.setRawPath("/v1/api-keys/" + keyId);
        get.setBody(null);
        get.setPathParameters(Map.of("id", keyId));
        get.getRequestContext().getAuthorizer().getLambda().put("workspaceId", other.workspace().id());

        assertProblem(handler.handleRequest(get, null), 404, "not-found");
    }

    private APIGatewayV2HTTPEvent createEvent(String body) {
        return createEvent(body, null);
    }

    private APIGatewayV2HTTPEvent createEvent(String body, String idempotencyKey) {
        APIGatewayV2HTTPEvent event = FunctionHarness.event("http/create-api-key.json", APIGatewayV2HTTPEvent.class, Map.of(
                "ws_EXAMPLE000000000000000", workspace.workspace().id(),
                "key_EXAMPLE00000000000000", workspace.ownerKey().key().id()));
        event.setHeaders(new HashMap<>(event.getHeaders()));
        event.getRequestContext().getAuthorizer().setLambda(new HashMap<>(event.getRequestContext().getAuthorizer().getLambda()));
        if (body != null) {
            event.setBody(body);
        }
        if (idempotencyKey != null) {
            event.getHeaders().put("idempotency-key", idempotencyKey);
        }
        return event;
    }

    private static String readId(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody()).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String slug) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        try {
            JsonNode problem = Json.MAPPER.readTree(response.getBody());
            assertThat(problem.get("type").asText()).isEqualTo("https://docs.penguinmails.dev/problems/" + slug);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("detail").asText()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
