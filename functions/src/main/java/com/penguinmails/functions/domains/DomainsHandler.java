package com.penguinmails.functions.domains;

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
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;
import java.util.Map;

/** {@code /v1/domains}: add a sending domain (answers the DNS records to publish), list, show, verify. */
public final class DomainsHandler extends HttpApiHandler {

    private final DomainService domains;

    public DomainsHandler() {
        this(Platform.fromEnvironment());
    }

    public DomainsHandler(Platform platform) {
        super(platform);
        this.domains = SendingWiring.domainService(platform);
    }

    record CreateRequest(String name) {}

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<DomainsHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/domains", DomainsHandler::create),
            Map.entry("GET /v1/domains", DomainsHandler::list),
            Map.entry("GET /v1/domains/{id}", DomainsHandler::get),
            Map.entry("POST /v1/domains/{id}/verify", DomainsHandler::verify));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        Domain domain = domains.create(request.caller(), RequestBodies.read(request, CreateRequest.class).name());
        return ApiResponse.created(domain).withHeader("Location", "/v1/domains/" + domain.id());
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(PageView.of(domains.list(request.principal().workspaceId(),
                Cursors.decode(request.query("cursor"), DomainService::isDomainName), Cursors.limit(request.query("limit"), 20, 100)), (Domain d) -> d));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(domains.get(request.principal().workspaceId(), request.pathParameter("id")));
    }

    private ApiResponse verify(ApiRequest request) {
        return ApiResponse.ok(domains.verify(request.caller(), request.pathParameter("id")));
    }
}
