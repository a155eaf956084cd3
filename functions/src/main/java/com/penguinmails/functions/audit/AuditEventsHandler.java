package com.penguinmails.functions.audit;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditLog;
import com.penguinmails.identity.audit.AuditQuery;
import com.penguinmails.identity.audit.AuditTrail;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET /v1/audit-events?from=&to=&actor=&action=&cursor=&limit=}: newest first. */
public final class AuditEventsHandler extends HttpApiHandler {

    private final AuditTrail auditTrail;

    public AuditEventsHandler() {
        this(Platform.fromEnvironment());
    }

    public AuditEventsHandler(Platform platform) {
        super(platform);
        this.auditTrail = IdentityWiring.auditTrail(platform);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<AuditEventsHandler> ROUTES = Routes.of(Map.entry("GET /v1/audit-events", AuditEventsHandler::query));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse query(ApiRequest request) {
        Instant from = time(request, "from");
        Instant to = time(request, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiProblem.invalidField("from", "from must not be after to.");
        }
        AuditQuery query = new AuditQuery(request.principal().workspaceId(), from, to, blankToNull(request.query("actor")),
                blankToNull(request.query("action")), Cursors.decode(request.query("cursor"), AuditQuery::isPosition),
                Cursors.limit(request.query("limit"), 50, 200));
        return ApiResponse.ok(PageView.of(auditTrail.query(query), (AuditEvent event) -> event));
    }

    private static Instant time(ApiRequest request, String name) {
        String value = request.query(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, name + " must be an ISO-8601 time such as 2026-11-25T00:00:00Z.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
