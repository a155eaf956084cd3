package com.penguinmails.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.penguinmails.shared.apikeys.ApiKeyAuthenticator;
import com.penguinmails.shared.apikeys.Authentication;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;

/**
 * HTTP API Lambda REQUEST authorizer (simple responses, no result caching so a revoked key stops at once).
 * Accepts {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; see {@link AuthorizerContext} for why it
 * always answers isAuthorized=true.
 */
public final class ApiKeyAuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    private final ApiKeyAuthenticator authenticator;

    public ApiKeyAuthorizerHandler() {
        this(Platform.fromEnvironment());
    }

    public ApiKeyAuthorizerHandler(Platform platform) {
        this.authenticator = Services.apiKeyAuthenticator(platform);
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Authentication authentication = authenticator.authenticate(presentedKey(event.getHeaders()));
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(true)
                .withContext(AuthorizerContext.toContext(authentication))
                .build();
    }

    static String presentedKey(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = headers.get("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }
}
