package com.penguinmails.functions.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.outreach.CampaignProgress;
import com.penguinmails.campaigns.outreach.CampaignService;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import java.util.Map;

/**
 * {@code /v1/campaigns}: save a campaign as a draft (its definition checked, every error with its JSON path), read
 * and list them, and move one through its life: launch, pause, resume, archive. A campaign's answer carries its
 * definition as saved and, once launched, where its contacts are step by step.
 */
public final class CampaignsHandler extends HttpApiHandler {

    public static final Routes<CampaignsHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/campaigns", CampaignsHandler::create),
            Map.entry("GET /v1/campaigns", CampaignsHandler::list),
            Map.entry("GET /v1/campaigns/{id}", CampaignsHandler::get),
            Map.entry("POST /v1/campaigns/{id}/launch", CampaignsHandler::launch),
            Map.entry("POST /v1/campaigns/{id}/pause", CampaignsHandler::pause),
            Map.entry("POST /v1/campaigns/{id}/resume", CampaignsHandler::resume),
            Map.entry("POST /v1/campaigns/{id}/archive", CampaignsHandler::archive),
            Map.entry("POST /v1/campaigns/{id}/comments", CampaignsHandler::comment),
            Map.entry("GET /v1/campaigns/{id}/activity", CampaignsHandler::activity));

    private final CampaignService campaigns;

    public CampaignsHandler() {
        this(Platform.fromEnvironment());
    }

    public CampaignsHandler(Platform platform) {
        super(platform);
        this.campaigns = CampaignsWiring.campaigns(platform);
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        Campaign campaign = campaigns.create(request.caller(), RequestBodies.read(request, JsonNode.class));
        return ApiResponse.created(view(campaign, null)).withHeader("Location", "/v1/campaigns/" + campaign.id());
    }

    private ApiResponse get(ApiRequest request) {
        Campaign campaign = campaigns.get(request.principal().workspaceId(), request.pathParameter("id"));
        return ApiResponse.ok(view(campaign, campaign.launchedAt() == null ? null : campaigns.progress(campaign)));
    }

    private ApiResponse list(ApiRequest request) {
        String after = Cursors.decode(request.query("cursor"), position -> Ids.looksLike("cmp", position));
        int limit = Cursors.limit(request.query("limit"), 50, 200);
        return ApiResponse.ok(PageView.of(campaigns.list(request.principal().workspaceId(), after, limit), c -> view(c, null)));
    }

    private ApiResponse launch(ApiRequest request) {
        CampaignService.Launch launch = campaigns.launch(request.caller(), request.pathParameter("id"));
        if (launch.pendingApproval() != null) {
            // Accepted, not done: the launch runs when the approvers agree (GET /v1/approvals/{id} follows it).
            ObjectNode pending = view(launch.campaign(), null);
            pending.set("approval", Json.MAPPER.valueToTree(ApprovalView.of(launch.pendingApproval())));
            return ApiResponse.json(202, pending).withHeader("Location", "/v1/approvals/" + launch.pendingApproval().id());
        }
        ObjectNode view = view(launch.campaign(), null);
        ObjectNode counts = view.putObject("launch").put("enrolled", launch.enrolled()).put("notMailable", launch.notMailable())
                .put("missingVariables", launch.missingVariables()).put("alreadyEnrolled", launch.alreadyEnrolled());
        launch.missingVariablesExamples().forEach(counts.putArray("missingVariablesExamples")::add);
        return ApiResponse.ok(view);
    }

    private ApiResponse pause(ApiRequest request) {
        return ApiResponse.ok(view(campaigns.pause(request.caller(), request.pathParameter("id")), null));
    }

    private ApiResponse resume(ApiRequest request) {
        return ApiResponse.ok(view(campaigns.resume(request.caller(), request.pathParameter("id")), null));
    }

    private ApiResponse archive(ApiRequest request) {
        return ApiResponse.ok(view(campaigns.archive(request.caller(), request.pathParameter("id")), null));
    }

    record CommentRequest(String text) {}

    private ApiResponse comment(ApiRequest request) {
        CommentRequest body = RequestBodies.read(request, CommentRequest.class);
        return ApiResponse.created(campaigns.comment(request.caller(), request.pathParameter("id"), body.text()));
    }

    private ApiResponse activity(ApiRequest request) {
        int limit = Cursors.limit(request.query("limit"), 50, 200);
        return ApiResponse.ok(Map.of("data", campaigns.activity(request.principal().workspaceId(), request.pathParameter("id"), limit)));
    }

    /** The definition as saved, with the campaign's id, status and times first, and its progress when there is one. */
    private static ObjectNode view(Campaign campaign, CampaignProgress progress) {
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("id", campaign.id());
        view.put("status", campaign.status().wireName());
        view.put("createdAt", campaign.createdAt().toString());
        view.put("updatedAt", campaign.updatedAt().toString());
        if (campaign.launchedAt() != null) {
            view.put("launchedAt", campaign.launchedAt().toString());
        }
        campaign.definition().fields().forEachRemaining(field -> view.set(field.getKey(), field.getValue()));
        if (progress != null) {
            view.set("progress", Json.MAPPER.valueToTree(progress));
        }
        return view;
    }
}
