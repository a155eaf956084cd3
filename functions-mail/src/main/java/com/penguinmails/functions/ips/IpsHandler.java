package com.penguinmails.functions.ips;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
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

    @Override
    protected ApiResponse route(ApiRequest request) {
        String workspaceId = request.principal().workspaceId();
        return switch (request.routeKey()) {
            case "POST /v1/ips" -> {
                CreateIpRequest body = RequestBodies.read(request, CreateIpRequest.class);
                DedicatedIp ip = ips.createIp(request.caller(), body.address(), body.warmupPlan(), body.warmupSteps());
                yield ApiResponse.created(view(ip)).withHeader("Location", "/v1/ips/" + ip.id());
            }
            case "GET /v1/ips" -> ApiResponse.ok(Map.of("data", ips.listIps(workspaceId).stream().map(this::view).toList()));
            case "GET /v1/ips/{id}" -> ApiResponse.ok(view(ips.getIp(workspaceId, request.pathParameter("id"))));
            case "GET /v1/ips/{id}/warmup" -> ApiResponse.ok(warmup(ips.getIp(workspaceId, request.pathParameter("id"))));
            case "POST /v1/ips/{id}/pause" -> ApiResponse.ok(warmup(ips.pause(request.caller(), request.pathParameter("id"),
                    RequestBodies.readOptional(request, ReasonRequest.class).reason())));
            case "POST /v1/ips/{id}/resume" -> ApiResponse.ok(warmup(ips.resume(request.caller(), request.pathParameter("id"),
                    RequestBodies.readOptional(request, ReasonRequest.class).reason())));
            case "POST /v1/ip-pools" -> {
                CreatePoolRequest body = RequestBodies.read(request, CreatePoolRequest.class);
                IpPool pool = ips.createPool(request.caller(), body.name(), body.ips());
                yield ApiResponse.created(pool).withHeader("Location", "/v1/ip-pools/" + pool.id());
            }
            case "GET /v1/ip-pools" -> ApiResponse.ok(Map.of("data", ips.listPools(workspaceId)));
            case "GET /v1/ip-pools/{id}" -> ApiResponse.ok(ips.getPool(workspaceId, request.pathParameter("id")));
            default -> throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        };
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
