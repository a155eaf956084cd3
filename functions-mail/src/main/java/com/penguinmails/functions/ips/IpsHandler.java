package com.penguinmails.functions.ips;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpPool;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.warmup.WarmupDay;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/ips} and {@code /v1/ip-pools}: dedicated IPs with their warmup, and the pools that spread traffic. */
public final class IpsHandler extends HttpApiHandler {

    private final IpService ips;

    public IpsHandler() {
        this(Platform.fromEnvironment());
    }

    public IpsHandler(Platform platform) {
        super(platform);
        this.ips = MailWiring.ipService(platform);
    }

    record CreateIpRequest(String address, String warmupPlan, List<Long> warmupSteps) {}

    record CreatePoolRequest(String name, List<IpPool.Member> ips) {}

    record ReasonRequest(String reason) {}

    record IpView(String id, String address, String warmupPlan, String status, String pauseReason, long capToday, long usedToday,
                  int step, int steps, Instant createdAt) {}

    record WarmupView(String ipId, String plan, String status, String pauseReason, int step, int steps, long capToday, long usedToday,
                      List<WarmupDay> history) {}

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<IpsHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/ips", IpsHandler::createIp),
            Map.entry("GET /v1/ips", IpsHandler::listIps),
            Map.entry("GET /v1/ips/{id}", IpsHandler::getIp),
            Map.entry("GET /v1/ips/{id}/warmup", IpsHandler::getWarmup),
            Map.entry("POST /v1/ips/{id}/pause", IpsHandler::pause),
            Map.entry("POST /v1/ips/{id}/resume", IpsHandler::resume),
            Map.entry("POST /v1/ip-pools", IpsHandler::createPool),
            Map.entry("GET /v1/ip-pools", IpsHandler::listPools),
            Map.entry("GET /v1/ip-pools/{id}", IpsHandler::getPool));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse createIp(ApiRequest request) {
        CreateIpRequest body = RequestBodies.read(request, CreateIpRequest.class);
        DedicatedIp ip = ips.createIp(request.caller(), body.address(), body.warmupPlan(), body.warmupSteps());
        return ApiResponse.created(view(ip)).withHeader("Location", "/v1/ips/" + ip.id());
    }

    private ApiResponse listIps(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", ips.listIps(request.principal().workspaceId()).stream().map(this::view).toList()));
    }

    private ApiResponse getIp(ApiRequest request) {
        return ApiResponse.ok(view(ips.getIp(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse getWarmup(ApiRequest request) {
        return ApiResponse.ok(warmup(ips.getIp(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse pause(ApiRequest request) {
        return ApiResponse.ok(warmup(ips.pause(request.caller(), request.pathParameter("id"),
                RequestBodies.readOptional(request, ReasonRequest.class).reason())));
    }

    private ApiResponse resume(ApiRequest request) {
        return ApiResponse.ok(warmup(ips.resume(request.caller(), request.pathParameter("id"),
                RequestBodies.readOptional(request, ReasonRequest.class).reason())));
    }

    private ApiResponse createPool(ApiRequest request) {
        CreatePoolRequest body = RequestBodies.read(request, CreatePoolRequest.class);
        IpPool pool = ips.createPool(request.caller(), body.name(), body.ips());
        return ApiResponse.created(pool).withHeader("Location", "/v1/ip-pools/" + pool.id());
    }

    private ApiResponse listPools(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", ips.listPools(request.principal().workspaceId())));
    }

    private ApiResponse getPool(ApiRequest request) {
        return ApiResponse.ok(ips.getPool(request.principal().workspaceId(), request.pathParameter("id")));
    }

    private IpView view(DedicatedIp ip) {
        IpService.Usage usage = ips.usageToday(ip);
        return new IpView(ip.id(), ip.address(), ip.plan().name(), ip.warmup().status().name().toLowerCase(Locale.ROOT),
                ip.warmup().pauseReason(), usage.cap(), usage.used(), ip.warmup().step(), ip.plan().stepCount(), ip.createdAt());
    }

    private WarmupView warmup(DedicatedIp ip) {
        IpService.Usage usage = ips.usageToday(ip);
        return new WarmupView(ip.id(), ip.plan().name(), ip.warmup().status().name().toLowerCase(Locale.ROOT), ip.warmup().pauseReason(),
                ip.warmup().step(), ip.plan().stepCount(), usage.cap(), usage.used(), ip.warmup().history());
    }
}
