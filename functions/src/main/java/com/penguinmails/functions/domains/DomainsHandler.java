package com.penguinmails.functions.domains;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;

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

    @Override
    protected ApiResponse route(ApiRequest request) {
        String workspaceId = request.principal().workspaceId();
        return switch (request.routeKey()) {
            case "POST /v1/domains" -> {
                Domain domain = domains.create(request.caller(), RequestBodies.read(request, CreateRequest.class).name());
                yield ApiResponse.created(domain).withHeader("Location", "/v1/domains/" + domain.id());
            }
            case "GET /v1/domains" -> ApiResponse.ok(PageView.of(domains.list(workspaceId, Cursors.decode(request.query("cursor"), DomainService::isDomainName),
                    Cursors.limit(request.query("limit"), 20, 100)), (Domain d) -> d));
            case "GET /v1/domains/{id}" -> ApiResponse.ok(domains.get(workspaceId, request.pathParameter("id")));
            case "POST /v1/domains/{id}/verify" -> ApiResponse.ok(domains.verify(request.caller(), request.pathParameter("id")));
            default -> throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        };
    }
}
