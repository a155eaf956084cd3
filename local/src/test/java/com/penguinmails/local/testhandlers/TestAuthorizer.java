package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.penguinmails.core.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Allows {@code Bearer good} as a user and the run's operator key (checked against {@code PM_OPERATOR_KEY_SHA256},
 * as the real authorizer does); the context tells the route which of the two it was and which route it saw.
 */
public final class TestAuthorizer implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final String operatorKeySha256;

    public TestAuthorizer(Platform platform) {
        this.operatorKeySha256 = platform.required("PM_OPERATOR_KEY_SHA256");
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String authorization = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        String role = token.equals("good") ? "user" : sha256(token).equals(operatorKeySha256) ? "operator" : null;
        if (role == null) {
            return SimpleIAMPolicyResponse.builder().withIsAuthorized(false).build();
        }
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(true)
                .withContext(Map.of("role", role, "workspaceId", "ws-1", "routeKey", event.getRouteKey(),
                        "routeArn", event.getRouteArn(), "type", event.getType()))
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
