package com.penguinmails.functions.http;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.identity.apikeys.Authentication;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the authorizer hands to the route's function through API Gateway ({@code requestContext.authorizer.lambda}).
 * The authorizer always allows the call and reports the outcome here, because only the function can answer a
 * failed authentication with a 401 {@code application/problem+json} (an HTTP API authorizer can only say 403).
 */
public final class AuthorizerContext {

    static final String AUTHENTICATED = "authenticated";
    static final String FAILURE = "failure";
    static final String WORKSPACE_ID = "workspaceId";
    static final String KEY_ID = "keyId";
    static final String ACTOR = "actor";
    static final String SCOPES = "scopes";
    static final String RATE_LIMIT = "rateLimitPerSecond";
    static final String MEMBER_ID = "memberId";
    static final String STORE_UNAVAILABLE = "storeUnavailable";

    private AuthorizerContext() {
    }

    public static Map<String, String> toContext(Authentication authentication) {
        Map<String, String> context = new HashMap<>();
        context.put(AUTHENTICATED, Boolean.toString(authentication.succeeded()));
        if (authentication.succeeded()) {
            Principal p = authentication.principal();
            if (p.workspaceId() != null) {
                context.put(WORKSPACE_ID, p.workspaceId());
            }
            context.put(KEY_ID, p.keyId());
            context.put(ACTOR, p.actor());
            context.put(SCOPES, String.join(" ", p.scopes()));
            context.put(RATE_LIMIT, Integer.toString(p.rateLimitPerSecond()));
            if (p.memberId() != null) {
                context.put(MEMBER_ID, p.memberId());
            }
        } else {
            context.put(FAILURE, authentication.failure().name());
            if (authentication.workspaceId() != null) {
                context.put(WORKSPACE_ID, authentication.workspaceId());
                context.put(KEY_ID, authentication.keyId());
            }
        }
        return context;
    }

    /** The authorizer could not look the key up because a store did not answer; the function answers 503. */
    public static Map<String, String> storeUnavailable() {
        return Map.of(AUTHENTICATED, "false", STORE_UNAVAILABLE, "true");
    }

    public static boolean storeUnavailable(Map<String, Object> context) {
        return "true".equals(string(context, STORE_UNAVAILABLE));
    }

    /** Reads the context back; a missing context (no authorizer ran) reads as a missing key. */
    public static Authentication fromContext(Map<String, Object> context) {
        if (context == null || !"true".equals(string(context, AUTHENTICATED))) {
            String failure = context == null ? null : string(context, FAILURE);
            Authentication.Failure reason = failure == null ? Authentication.Failure.MISSING : Authentication.Failure.valueOf(failure);
            return Authentication.failed(reason, string(context, WORKSPACE_ID), string(context, KEY_ID));
        }
        String scopes = string(context, SCOPES);
        List<String> scopeList = scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" "));
        return Authentication.success(new Principal(string(context, WORKSPACE_ID), string(context, KEY_ID),
                string(context, ACTOR), scopeList, Integer.parseInt(string(context, RATE_LIMIT)), string(context, MEMBER_ID)));
    }

    private static String string(Map<String, Object> context, String name) {
        if (context == null) {
            return null;
        }
        Object value = context.get(name);
        return value == null ? null : value.toString();
    }
}
