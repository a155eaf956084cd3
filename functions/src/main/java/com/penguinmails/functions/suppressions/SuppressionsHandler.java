package com.penguinmails.functions.suppressions;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionService;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/suppressions}: list, add, remove, and bulk import from CSV. */
public final class SuppressionsHandler extends HttpApiHandler {

    private static final String IMPORT = "POST /v1/suppressions/import";

    private final SuppressionService suppressions;

    public SuppressionsHandler() {
        this(Platform.fromEnvironment());
    }

    public SuppressionsHandler(Platform platform) {
        super(platform);
        this.suppressions = SendingWiring.suppressionService(platform);
    }

    record AddRequest(String email, String scope, String reason) {}

    @Override
    protected boolean acceptsContentType(String routeKey, String contentType) {
        if (IMPORT.equals(routeKey)) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        }
        return super.acceptsContentType(routeKey, contentType);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<SuppressionsHandler> ROUTES = Routes.of(
            Map.entry("GET /v1/suppressions", SuppressionsHandler::list),
            Map.entry("POST /v1/suppressions", SuppressionsHandler::add),
            Map.entry("DELETE /v1/suppressions/{email}", SuppressionsHandler::remove),
            Map.entry(IMPORT, SuppressionsHandler::importCsv));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(PageView.of(suppressions.list(request.principal().workspaceId(),
                Cursors.decode(request.query("cursor"), SuppressionService::isListPosition), Cursors.limit(request.query("limit"), 50, 500)), (Suppression s) -> s));
    }

    private ApiResponse add(ApiRequest request) {
        AddRequest body = RequestBodies.read(request, AddRequest.class);
        return ApiResponse.created(suppressions.add(request.caller(), body.email(), body.scope(), reason(body.reason()), "api"));
    }

    private ApiResponse remove(ApiRequest request) {
        suppressions.remove(request.caller(), request.pathParameter("email"), request.query("scope"));
        return ApiResponse.ok(Map.of("removed", request.pathParameter("email")));
    }

    private ApiResponse importCsv(ApiRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            throw ApiProblem.badRequest("body-required", "Send the CSV as the body: one address per line, optional header email,reason.");
        }
        return ApiResponse.ok(suppressions.importCsv(request.caller(), request.body()));
    }

    private static Suppression.Reason reason(String value) {
        if (value == null) {
            return Suppression.Reason.MANUAL;
        }
        try {
            return Suppression.Reason.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("reason", "reason is one of hard_bounce, complaint, unsubscribe, manual.");
        }
    }
}
