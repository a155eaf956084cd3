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
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.NewApiKey;
import java.time.Instant;
import java.util.List;

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

    @Override
    protected ApiResponse route(ApiRequest request) {
        return switch (request.routeKey()) {
            case "POST /v1/api-keys" -> {
                CreateRequest body = RequestBodies.read(request, CreateRequest.class);
                var issued = apiKeys.create(request.caller(), new NewApiKey(body.name(), body.scopes(), body.expiresAt(), body.rateLimitPerSecond()));
                yield ApiResponse.created(ApiKeyView.of(issued)).withHeader("Location", "/v1/api-keys/" + issued.key().id());
            }
            case "GET /v1/api-keys" -> ApiResponse.ok(PageView.of(
                    apiKeys.list(request.principal(), Cursors.decode(request.query("cursor"), position -> Ids.looksLike("key", position)), Cursors.limit(request.query("limit"), 20, 100)),
                    ApiKeyView::of));
            case "GET /v1/api-keys/{id}" -> ApiResponse.ok(ApiKeyView.of(apiKeys.get(request.principal(), request.pathParameter("id"))));
            case "POST /v1/api-keys/{id}/rotate" -> {
                RotateRequest body = RequestBodies.readOptional(request, RotateRequest.class);
                long grace = body.gracePeriodSeconds() == null ? 0 : body.gracePeriodSeconds();
                yield ApiResponse.ok(ApiKeyView.of(apiKeys.rotate(request.caller(), request.pathParameter("id"), grace)));
            }
            case "DELETE /v1/api-keys/{id}" -> ApiResponse.ok(ApiKeyView.of(apiKeys.revoke(request.caller(), request.pathParameter("id"))));
            default -> throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        };
    }
}
