package com.penguinmails.functions.reputation;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.ips.PoolProvisioner;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.reputation.ReputationService;
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
        this.reputation = new ReputationService(SendingWiring.ipService(platform, PoolProvisioner.NONE),
                SendingWiring.mailboxServiceWithoutPasswords(platform), SendingWiring.sendLedger(platform), ReputationPolicy.defaults());
        this.domains = SendingWiring.domainService(platform);
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
