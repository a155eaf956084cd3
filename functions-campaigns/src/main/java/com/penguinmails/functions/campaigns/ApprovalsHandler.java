package com.penguinmails.functions.campaigns;

import com.penguinmails.campaigns.activity.ActivityFeed;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.identity.approvals.ApprovalPolicy;
import com.penguinmails.identity.approvals.ApprovalService;
import com.penguinmails.identity.approvals.ApprovalStatus;
import com.penguinmails.identity.members.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/approvals}: the requests waiting for (or decided by) approvers, approve and reject with a comment (the
 * decision that reaches the quorum runs the action, once); {@code /v1/approval-policies}: which actions wait for whom.
 */
public final class ApprovalsHandler extends HttpApiHandler {

    public static final Routes<ApprovalsHandler> ROUTES = Routes.of(
            Map.entry("GET /v1/approvals", ApprovalsHandler::list),
            Map.entry("GET /v1/approvals/{id}", ApprovalsHandler::get),
            Map.entry("POST /v1/approvals/{id}/approve", ApprovalsHandler::approve),
            Map.entry("POST /v1/approvals/{id}/reject", ApprovalsHandler::reject),
            Map.entry("GET /v1/approval-policies", ApprovalsHandler::policies),
            Map.entry("PUT /v1/approval-policies/{action}", ApprovalsHandler::putPolicy),
            Map.entry("DELETE /v1/approval-policies/{action}", ApprovalsHandler::deletePolicy),
            Map.entry("POST /v1/approvals/{id}/comments", ApprovalsHandler::comment),
            Map.entry("GET /v1/approvals/{id}/activity", ApprovalsHandler::activity));

    private final ApprovalService approvals;
    private final ActivityFeed activity;

    public ApprovalsHandler() {
        this(Platform.fromEnvironment());
    }

    public ApprovalsHandler(Platform platform) {
        super(platform);
        this.approvals = CampaignsWiring.approvals(platform);
        this.activity = CampaignsWiring.activity(platform);
    }

    record DecisionRequest(String comment) {}

    record CommentRequest(String text) {}

    record PolicyRequest(List<String> approverRoles, Integer quorum, Integer expiresAfterHours, Long threshold) {}

    record PolicyView(String action, List<String> approverRoles, int quorum, long expiresAfterHours, long threshold) {
        static PolicyView of(ApprovalPolicy p) {
            return new PolicyView(p.action().wireName(), p.approverRoles().stream().map(Role::wireName).sorted().toList(), p.quorum(),
                    p.expiresAfter().toHours(), p.threshold());
        }
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse list(ApiRequest request) {
        for (String name : request.queryParameters().keySet()) {
            if (!List.of("status", "limit").contains(name)) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + name + "'. Known: status, limit.",
                        Map.of("field", name), Map.of());
            }
        }
        String status = request.query("status");
        ApprovalStatus wanted = status == null ? null : Arrays.stream(ApprovalStatus.values()).filter(s -> s.wireName().equals(status)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("status", "status is one of pending, approved, rejected, expired, executed, failed."));
        int limit = Cursors.limit(request.query("limit"), 50, 200);
        return ApiResponse.ok(Map.of("data", approvals.list(request.principal(), wanted, limit).stream().map(ApprovalView::of).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(ApprovalView.of(approvals.get(request.principal(), request.pathParameter("id"))));
    }

    private ApiResponse approve(ApiRequest request) {
        DecisionRequest body = RequestBodies.readOptional(request, DecisionRequest.class);
        return ApiResponse.ok(ApprovalView.of(approvals.approve(request.caller(), request.pathParameter("id"), body.comment())));
    }

    private ApiResponse reject(ApiRequest request) {
        DecisionRequest body = RequestBodies.readOptional(request, DecisionRequest.class);
        return ApiResponse.ok(ApprovalView.of(approvals.reject(request.caller(), request.pathParameter("id"), body.comment())));
    }

    /** A comment on a request (404 for another workspace's); decisions carry their own comments. */
    private ApiResponse comment(ApiRequest request) {
        CommentRequest body = RequestBodies.read(request, CommentRequest.class);
        approvals.get(request.principal(), request.pathParameter("id"));
        return ApiResponse.created(activity.comment(request.principal(), request.pathParameter("id"), body.text()));
    }

    private ApiResponse activity(ApiRequest request) {
        approvals.get(request.principal(), request.pathParameter("id"));
        int limit = Cursors.limit(request.query("limit"), 50, 200);
        return ApiResponse.ok(Map.of("data", activity.feed(request.principal().workspaceId(), request.pathParameter("id"), limit)));
    }

    private ApiResponse policies(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", approvals.policies(request.principal()).stream().map(PolicyView::of).toList()));
    }

    private ApiResponse putPolicy(ApiRequest request) {
        PolicyRequest body = RequestBodies.readOptional(request, PolicyRequest.class);
        return ApiResponse.ok(PolicyView.of(approvals.putPolicy(request.caller(), request.pathParameter("action"), body.approverRoles(),
                body.quorum(), body.expiresAfterHours(), body.threshold())));
    }

    private ApiResponse deletePolicy(ApiRequest request) {
        approvals.deletePolicy(request.caller(), request.pathParameter("action"));
        return ApiResponse.ok(Map.of("action", request.pathParameter("action"), "deleted", true));
    }
}
