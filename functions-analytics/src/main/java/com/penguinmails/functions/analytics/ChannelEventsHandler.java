package com.penguinmails.functions.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.analytics.channels.ChannelEventResult;
import com.penguinmails.analytics.channels.ChannelEventService;
import com.penguinmails.analytics.channels.ChannelEventSubmission;
import com.penguinmails.analytics.wiring.ChannelEventsWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/channel-events}: activity from LinkedIn, calls, SMS, WhatsApp, meetings or any named channel, one
 * object or {@code {"events": [...]}} of up to 1,000. 202 with a result per item when at least one was accepted, 422
 * with the same results when none was; 400 for a body that is neither.
 */
public final class ChannelEventsHandler extends HttpApiHandler {

    public static final Routes<ChannelEventsHandler> ROUTES = Routes.of(Map.entry("POST /v1/channel-events", ChannelEventsHandler::submit));

    private final ChannelEventService channelEvents;

    public ChannelEventsHandler() {
        this(Platform.fromEnvironment());
    }

    public ChannelEventsHandler(Platform platform) {
        super(platform);
        this.channelEvents = ChannelEventsWiring.service(platform);
    }

    /** The answer: counts first, then each item's result in the body's order. */
    record SubmissionView(long accepted, long duplicates, long rejected, List<ChannelEventResult> results) {
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse submit(ApiRequest request) {
        // Read as a tree (strictly: one value, no duplicate fields), so each item is checked on its own.
        JsonNode body = RequestBodies.read(request, JsonNode.class);
        ChannelEventSubmission submission = channelEvents.submit(request.principal().workspaceId(), body);
        return ApiResponse.json(submission.accepted() == 0 ? 422 : 202,
                new SubmissionView(submission.accepted(), submission.duplicates(), submission.rejected(), submission.results()));
    }
}
