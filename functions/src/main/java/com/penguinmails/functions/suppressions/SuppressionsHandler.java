package com.penguinmails.functions.suppressions;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
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

    @Override
    protected ApiResponse route(ApiRequest request) {
        return switch (request.routeKey()) {
            case "GET /v1/suppressions" -> ApiResponse.ok(PageView.of(suppressions.list(request.principal().workspaceId(),
                    Cursors.decode(request.query("cursor"), SuppressionService::isListPosition), Cursors.limit(request.query("limit"), 50, 500)), (Suppression s) -> s));
            case "POST /v1/suppressions" -> {
                AddRequest body = RequestBodies.read(request, AddRequest.class);
                yield ApiResponse.created(suppressions.add(request.caller(), body.email(), body.scope(), reason(body.reason()), "api"));
            }
            case "DELETE /v1/suppressions/{email}" -> {
                suppressions.remove(request.caller(), request.pathParameter("email"), request.query("scope"));
                yield ApiResponse.ok(Map.of("removed", request.pathParameter("email")));
            }
            case IMPORT -> {
                if (request.body() == null || request.body().isBlank()) {
                    throw ApiProblem.badRequest("body-required", "Send the CSV as the body: one address per line, optional header email,reason.");
                }
                yield ApiResponse.ok(suppressions.importCsv(request.caller(), request.body()));
            }
            default -> throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        };
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
