package com.penguinmails.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.http.AuthorizerContext;
import com.penguinmails.functions.http.StoreOutages;
import com.penguinmails.functions.snapstart.Priming;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.apikeys.ApiKeyAuthenticator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP API Lambda REQUEST authorizer (simple responses, no result caching so a revoked key stops at once).
 * Accepts {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; see {@link AuthorizerContext} for why it
 * always answers isAuthorized=true.
 */
public final class ApiKeyAuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {

    /** Well formed, so it is looked up, but no key has it: the SnapStart priming request. */
    static final String PRIMING_KEY = "pm_live_" + "0".repeat(43);
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthorizerHandler.class);

    private final ApiKeyAuthenticator authenticator;
    private final Priming priming;

    public ApiKeyAuthorizerHandler() {
        this(Platform.fromEnvironment());
    }

    public ApiKeyAuthorizerHandler(Platform platform) {
        this.authenticator = IdentityWiring.apiKeyAuthenticator(platform);
        this.priming = Priming.register("ApiKeyAuthorizerHandler", this::prime);
    }

    /** What runs before the SnapStart snapshot (see {@link Priming}); tests call it through here. */
    public Priming priming() {
        return priming;
    }

    /** Authenticates a key no one has: one read of the secrets table, nothing written. */
    private void prime() {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setHeaders(Map.of("authorization", "Bearer " + PRIMING_KEY));
        Map<String, String> context = handleRequest(event, null).getContext();
        if (!"UNKNOWN".equals(context.get("failure"))) {
            throw new IllegalStateException("the priming key was not refused as unknown: " + context);
        }
    }

    @Override
    public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, String> verdict;
        try {
            verdict = AuthorizerContext.toContext(authenticator.authenticate(presentedKey(event.getHeaders())));
        } catch (RuntimeException e) {
            if (!StoreOutages.isOutage(e)) {
                throw e;
            }
            // An authorizer that throws makes API Gateway answer a bare 500; the function answers 503 problem+json.
            LOG.warn("a store did not answer while authenticating; passing that on to the function", e);
            verdict = AuthorizerContext.storeUnavailable();
        }
        return SimpleIAMPolicyResponse.builder()
                .withIsAuthorized(true)
                .withContext(verdict)
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
