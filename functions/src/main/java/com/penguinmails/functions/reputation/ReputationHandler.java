package com.penguinmails.functions.reputation;

import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.shared.domains.Domain;
import com.penguinmails.shared.domains.DomainService;
import com.penguinmails.shared.ips.PoolProvisioner;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.reputation.ReputationPolicy;
import com.penguinmails.shared.reputation.ReputationService;
import com.penguinmails.shared.wiring.Services;
import java.util.Map;

/** {@code GET /v1/reputation}: each IP, sending mailbox and sending domain with its state and the figures behind it. */
public final class ReputationHandler extends HttpApiHandler {

    private final ReputationService reputation;
    private final DomainService domains;

    public ReputationHandler() {
        this(Platform.fromEnvironment());
    }

    public ReputationHandler(Platform platform) {
        super(platform);
        this.reputation = new ReputationService(Services.ipService(platform, PoolProvisioner.NONE),
                Services.mailboxServiceWithoutPasswords(platform), Services.sendLedger(platform), ReputationPolicy.defaults());
        this.domains = Services.domainService(platform);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<ReputationHandler> ROUTES = Routes.of(Map.entry("GET /v1/reputation", ReputationHandler::get));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse get(ApiRequest request) {
        String workspaceId = request.principal().workspaceId();
        var domainNames = domains.list(workspaceId, null, 100).items().stream().map(Domain::id).toList();
        return ApiResponse.ok(Map.of("data", reputation.forWorkspace(workspaceId, domainNames)));
    }
}
