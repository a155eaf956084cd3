package com.penguinmails.core.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * API key scopes are {@code resource:action}. {@code manage} implies {@code read} on the same resource, and
 * {@code full} implies every workspace scope. {@code platform:operator} belongs to the deploy-time operator key
 * only and can never be granted to a workspace key.
 */
public final class Scopes {

    public static final String FULL = "full";
    public static final String OPERATOR = "platform:operator";

    private static final List<String> RESOURCES = List.of(
            "workspace", "members", "api-keys", "audit", "domains", "ips", "mailboxes", "messages",
            "suppressions", "reputation", "warmup", "events", "analytics", "workflows", "compliance",
            "channel-events", "contacts", "campaigns", "approvals");

    /** Every scope a workspace key may hold, in a stable order for error messages and docs. */
    public static final List<String> GRANTABLE = grantable();

    private Scopes() {
    }

    public static boolean isGrantable(String scope) {
        return GRANTABLE.contains(scope);
    }

    /** Whether a holder of {@code held} may do what {@code required} guards. */
    public static boolean allows(Collection<String> held, String required) {
        if (held.contains(required)) {
            return true;
        }
        if (OPERATOR.equals(required)) {
            return false;
        }
        if (held.contains(FULL)) {
            return true;
        }
        int colon = required.indexOf(':');
        if (colon > 0 && required.endsWith(":read")) {
            return held.contains(required.substring(0, colon) + ":manage");
        }
        return false;
    }

    private static List<String> grantable() {
        List<String> scopes = new ArrayList<>();
        scopes.add(FULL);
        for (String resource : RESOURCES) {
            scopes.add(resource + ":read");
            scopes.add(resource + ":manage");
        }
        scopes.add("messages:send");
        return List.copyOf(scopes);
    }
}
