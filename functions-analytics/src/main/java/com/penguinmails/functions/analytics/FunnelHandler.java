package com.penguinmails.functions.analytics;

import com.penguinmails.analytics.funnel.ChannelProgress;
import com.penguinmails.analytics.funnel.FunnelContact;
import com.penguinmails.analytics.funnel.FunnelCounts;
import com.penguinmails.analytics.funnel.FunnelReport;
import com.penguinmails.analytics.funnel.FunnelService;
import com.penguinmails.analytics.funnel.FunnelStage;
import com.penguinmails.analytics.wiring.FunnelWiring;
import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.Routes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/analytics/funnel?campaignId=&cursor=&limit=}: one campaign's funnel across channels (reached,
 * engaged, replied, meeting) in total and per channel with each stage's conversion, and its contacts a page at a
 * time. An unknown campaign is an empty funnel; another workspace's campaign is never read (the key carries the
 * caller's workspace).
 */
public final class FunnelHandler extends HttpApiHandler {

    private static final Set<String> PARAMETERS = Set.of("campaignId", "cursor", "limit");
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[^#\\s]{1,256}");

    public static final Routes<FunnelHandler> ROUTES = Routes.of(Map.entry("GET /v1/analytics/funnel", FunnelHandler::funnel));

    private final FunnelService funnels;

    public FunnelHandler() {
        this(Platform.fromEnvironment());
    }

    public FunnelHandler(Platform platform) {
        super(platform);
        this.funnels = FunnelWiring.reader(platform);
    }

    record ContactView(String contact, String stage, Map<String, ChannelView> channels, Instant reachedAt, Instant engagedAt,
                       Instant repliedAt, Instant meetingAt) {

        static ContactView of(FunnelContact c) {
            Map<String, ChannelView> channels = new LinkedHashMap<>();
            c.channels().forEach((name, progress) -> channels.put(name, ChannelView.of(progress)));
            return new ContactView(c.contact(), c.stage().map(FunnelStage::wireName).orElse(null), channels,
                    c.firstAt(FunnelStage.REACHED).orElse(null), c.firstAt(FunnelStage.ENGAGED).orElse(null),
                    c.firstAt(FunnelStage.REPLIED).orElse(null), c.firstAt(FunnelStage.MEETING).orElse(null));
        }
    }

    record ChannelView(String stage, Instant reachedAt, Instant engagedAt, Instant repliedAt, Instant meetingAt) {

        static ChannelView of(ChannelProgress p) {
            return new ChannelView(p.stage().wireName(), p.firstAt().get(FunnelStage.REACHED), p.firstAt().get(FunnelStage.ENGAGED),
                    p.firstAt().get(FunnelStage.REPLIED), p.firstAt().get(FunnelStage.MEETING));
        }
    }

    record FunnelView(String campaignId, FunnelCounts totals, Map<String, FunnelCounts> byChannel, PageView<ContactView> contacts) {
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse funnel(ApiRequest request) {
        for (String name : request.queryParameters().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + name
                        + "'. Known: campaignId, cursor, limit.", Map.of("field", name), Map.of());
            }
        }
        String campaignId = request.query("campaignId");
        if (campaignId == null || !CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw ApiProblem.invalidField("campaignId", "campaignId is required: the campaign's id (1 to 256 characters, no spaces or '#').");
        }
        String after = Cursors.decode(request.query("cursor"), position -> !position.isEmpty() && position.length() <= 254);
        int limit = Cursors.limit(request.query("limit"), 100, 1000);
        FunnelReport report = funnels.funnel(request.principal().workspaceId(), campaignId, after, limit);
        return ApiResponse.ok(new FunnelView(report.campaignId(), report.totals(), report.byChannel(),
                PageView.of(report.contacts(), ContactView::of)));
    }
}
