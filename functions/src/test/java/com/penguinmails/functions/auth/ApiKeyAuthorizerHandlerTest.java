package com.penguinmails.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.testing.FunctionHarness;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.workspaces.NewWorkspace;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiKeyAuthorizerHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Test
    void passesTheKeysWorkspaceAndScopesOrTheFailureReason() {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        CreatedWorkspace workspace = IdentityWiring.workspaceService(harness.platformFor("workspaces-api", FunctionHarness.clock(), Map.of()))
                .create(new Caller(Principal.operator(), null), new NewWorkspace("Acme", new NewWorkspace.Owner("ada@acme.test", null)));
        ApiKeyAuthorizerHandler authorizer = new ApiKeyAuthorizerHandler(harness.platformFor("authorizer", FunctionHarness.clock(), Map.of()));
        String secret = workspace.ownerKey().secret();

        SimpleIAMPolicyResponse bearer = authorizer.handleRequest(request(Map.of("authorization", "Bearer " + secret)), null);
        SimpleIAMPolicyResponse header = authorizer.handleRequest(request(Map.of("x-api-key", secret)), null);
        SimpleIAMPolicyResponse forged = authorizer.handleRequest(request(Map.of("authorization", "Bearer " + secret.substring(0, 50) + "x")), null);
        SimpleIAMPolicyResponse none = authorizer.handleRequest(request(Map.of()), null);

        assertThat(bearer.getContext()).containsEntry("authenticated", "true")
                .containsEntry("workspaceId", workspace.workspace().id()).containsEntry("scopes", "full");
        assertThat(header.getContext()).containsEntry("keyId", workspace.ownerKey().key().id());
        assertThat(forged.getContext()).containsEntry("authenticated", "false").containsEntry("failure", "UNKNOWN");
        assertThat(none.getContext()).containsEntry("failure", "MISSING");
    }

    private static APIGatewayV2CustomAuthorizerEvent request(Map<String, String> headers) {
        APIGatewayV2CustomAuthorizerEvent event = FunctionHarness.event("authorizer/request.json", APIGatewayV2CustomAuthorizerEvent.class);
        Map<String, String> merged = new HashMap<>(event.getHeaders());
        merged.remove("authorization");
        merged.putAll(headers);
        event.setHeaders(merged);
        return event;
    }
}
