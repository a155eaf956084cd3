package com.penguinmails.functions.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.QueueSpec;
import com.penguinmails.catalog.StackSecret;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.apikeys.ApiKeysHandler;
import com.penguinmails.functions.auth.ApiKeyAuthorizerHandler;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.testing.FunctionHarness;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import com.penguinmails.sending.SendingWiring;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart priming runs real code against real storage before a snapshot, so it must leave no trace a user could
 * see: no item written in any table, no audit event queued, and the function must serve normally afterwards.
 */
class PrimingTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Test
    void primingAnApiFunctionAndTheAuthorizerWritesNothingAndTheyServeNormallyAfterwards() {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        CreatedWorkspace workspace = IdentityWiring.workspaceService(harness.platformFor("workspaces-api", FunctionHarness.clock(), Map.of()))
                .create(new Caller(Principal.operator(), null), new NewWorkspace("Acme", new NewWorkspace.Owner("ada@acme.test", null)));
        ApiKeysHandler apiKeys = new ApiKeysHandler(harness.platformFor("api-keys-api", FunctionHarness.clock(), Map.of()));
        ApiKeyAuthorizerHandler authorizer = new ApiKeyAuthorizerHandler(harness.platformFor("authorizer", FunctionHarness.clock(), Map.of()));
        Map<String, Integer> itemsBefore = itemCounts(harness);
        int auditMessagesBefore = queuedMessages(harness, "audit-events");

        assertThat(apiKeys.priming().prime()).as("api-keys-api primed").isTrue();
        assertThat(authorizer.priming().prime()).as("authorizer primed").isTrue();

        assertThat(itemCounts(harness)).isEqualTo(itemsBefore);
        assertThat(queuedMessages(harness, "audit-events")).isEqualTo(auditMessagesBefore);
        APIGatewayV2HTTPResponse list = apiKeys.handleRequest(listKeysAs(workspace), null);
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(list.getBody()).contains(workspace.ownerKey().key().id());
    }

    @Test
    void everyHttpFunctionPrimesItsGetRoutesWithoutWritingAnything() throws Exception {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        IdentityWiring.workspaceService(harness.platformFor("workspaces-api", FunctionHarness.clock(), Map.of()))
                .create(new Caller(Principal.operator(), null), new NewWorkspace("Acme", new NewWorkspace.Owner("ada@acme.test", null)));
        Map<String, String> stackVariables = Map.of(
                SendingWiring.TRACKING_BASE_URL_VARIABLE, "https://track.example.com",
                SendingWiring.LOCAL_SECRET_KEY_VARIABLE, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Map<String, Integer> itemsBefore = itemCounts(harness);
        Map<String, Integer> queuedBefore = queuedMessages(harness);
        List<String> primed = new ArrayList<>();
        for (FunctionSpec function : FunctionHarness.CATALOG.functions()) {
            if (function.trigger().httpRoutes().isEmpty()) {
                continue;
            }
            // Only what the stack gives it: the tracking secret only if the catalog names it for this function.
            Map<String, String> environment = new java.util.HashMap<>(stackVariables);
            if (function.secrets().contains(StackSecret.TRACKING)) {
                environment.put(StackSecret.TRACKING.variable(), "a-test-secret-of-at-least-thirty-two-characters");
            }
            HttpApiHandler handler = (HttpApiHandler) Class.forName(function.handler()).getConstructor(Platform.class)
                    .newInstance(harness.platformFor(function.name(), FunctionHarness.clock(), environment));
            assertThat(handler.priming().prime()).as("%s primed", function.name()).isTrue();
            primed.add(function.name());
        }
        assertThat(primed).contains("api-keys-api", "messages-api", "tracking", "mailboxes-api");
        assertThat(itemCounts(harness)).isEqualTo(itemsBefore);
        assertThat(queuedMessages(harness)).isEqualTo(queuedBefore);
    }

    @Test
    void aFailingPrimingIsLoggedNotThrownSoTheSnapshotStillHappens() {
        Priming failing = Priming.register("failing", () -> {
            throw new IllegalStateException("storage unreachable");
        });
        assertThat(failing.prime()).isFalse();
        failing.beforeCheckpoint(null);
    }

    private static Map<String, Integer> itemCounts(FunctionHarness harness) {
        Map<String, Integer> counts = new TreeMap<>();
        for (TableSpec table : FunctionHarness.CATALOG.tables()) {
            counts.put(table.name(), DYNAMO.client().scan(r -> r.tableName(harness.tableName(table.name()))).count());
        }
        return counts;
    }

    private static Map<String, Integer> queuedMessages(FunctionHarness harness) {
        Map<String, Integer> counts = new TreeMap<>();
        for (QueueSpec queue : FunctionHarness.CATALOG.queues()) {
            counts.put(queue.name(), queuedMessages(harness, queue.name()));
        }
        return counts;
    }

    private static int queuedMessages(FunctionHarness harness, String queue) {
        return Integer.parseInt(FunctionHarness.sqs().getQueueAttributes(r -> r.queueUrl(harness.queueUrl(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    private static APIGatewayV2HTTPEvent listKeysAs(CreatedWorkspace workspace) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("authenticated", "true", "workspaceId", workspace.workspace().id(),
                "keyId", workspace.ownerKey().key().id(), "actor", "apikey:" + workspace.ownerKey().key().id(),
                "scopes", "full", "rateLimitPerSecond", "100"));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("after-priming");
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /v1/api-keys");
        event.setRawPath("/v1/api-keys");
        event.setRequestContext(context);
        return event;
    }
}
