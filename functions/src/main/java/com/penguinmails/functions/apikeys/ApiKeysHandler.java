package com.penguinmails.functions.apikeys;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.NewApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /v1/api-keys}: create, list, show, rotate, revoke. */
public final class ApiKeysHandler extends HttpApiHandler {

    private final ApiKeyService apiKeys;

    public ApiKeysHandler() {
        this(Platform.fromEnvironment());
    }

    public ApiKeysHandler(Platform platform) {
        super(platform);
        this.apiKeys = IdentityWiring.apiKeyService(platform);
    }

    record CreateRequest(String name, List<String> scopes, Instant expiresAt, Integer rateLimitPerSecond) {}

    record RotateRequest(Long gracePeriodSeconds) {}

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<ApiKeysHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/api-keys", ApiKeysHandler::create),
            Map.entry("GET /v1/api-keys", ApiKeysHandler::list),
            Map.entry("GET /v1/api-keys/{id}", ApiKeysHandler::get),
            Map.entry("POST /v1/api-keys/{id}/rotate", ApiKeysHandler::rotate),
            Map.entry("DELETE /v1/api-keys/{id}", ApiKeysHandler::revoke));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        CreateRequest body = RequestBodies.read(request, CreateRequest.class);
        var issued = apiKeys.create(request.caller(), new NewApiKey(body.name(), body.scopes(), body.expiresAt(), body.rateLimitPerSecond()));
        return ApiResponse.created(ApiKeyView.of(issued)).withHeader("Location", "/v1/api-keys/" + issued.key().id());
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(PageView.of(
                apiKeys.list(request.principal(), Cursors.decode(request.query("cursor"), position -> Ids.looksLike("key", position)), Cursors.limit(request.query("limit"), 20, 100)),
                ApiKeyView::of));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(ApiKeyView.of(apiKeys.get(request.principal(), request.pathParameter("id"))));
    }

    private ApiResponse rotate(ApiRequest request) {
        RotateRequest body = RequestBodies.readOptional(request, RotateRequest.class);
        long grace = body.gracePeriodSeconds() == null ? 0 : body.gracePeriodSeconds();
        return ApiResponse.ok(ApiKeyView.of(apiKeys.rotate(request.caller(), request.pathParameter("id"), grace)));
    }

    private ApiResponse revoke(ApiRequest request) {
        return ApiResponse.ok(ApiKeyView.of(apiKeys.revoke(request.caller(), request.pathParameter("id"))));
    }
}
