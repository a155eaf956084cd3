package com.penguinmails.functions.eventlog;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.eventlog.EventLogService;
import com.penguinmails.eventlog.wiring.EventLogWiring;
import com.penguinmails.eventlog.EventQuery;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.Routes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/events?type=&subject=&recipient=&campaignId=&from=&to=&cursor=&limit=}: the workspace's platform
 * events, newest first, each as the CloudEvent that was published. A parameter we do not know is a 400 rather than a
 * filter silently ignored.
 */
public final class EventsHandler extends HttpApiHandler {

    private static final Set<String> PARAMETERS = Set.of("type", "subject", "recipient", "campaignId", "from", "to", "cursor", "limit");
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final EventLogService eventLog;

    public EventsHandler() {
        this(Platform.fromEnvironment());
    }

    public EventsHandler(Platform platform) {
        super(platform);
        this.eventLog = EventLogWiring.reader(platform);
    }

    public static final Routes<EventsHandler> ROUTES = Routes.of(Map.entry("GET /v1/events", EventsHandler::list));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse list(ApiRequest request) {
        for (String name : request.queryParameters().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + name
                        + "'. Known: type, subject, recipient, campaignId, from, to, cursor, limit.", Map.of("field", name), Map.of());
            }
        }
        EventQuery query = new EventQuery(request.principal().workspaceId(), EventQuery.types(request.query("type")),
                blankToNull(request.query("subject")), blankToNull(request.query("recipient")), blankToNull(request.query("campaignId")),
                time(request, "from"), time(request, "to"), Cursors.decode(request.query("cursor"), EventQuery::isPosition),
                Cursors.limit(request.query("limit"), 100, 300));
        return ApiResponse.ok(PageView.of(eventLog.list(query), (PlatformEvent event) -> PlatformEventJson.toNode(event)));
    }

    private static Instant time(ApiRequest request, String name) {
        String value = blankToNull(request.query(name));
        if (value == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!instant.isBefore(FIRST) && !instant.isAfter(LAST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // the problem below
        }
        throw ApiProblem.invalidField(name, name + " must be an ISO-8601 time from the year 0 to 9999, such as 2026-11-25T00:00:00Z.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
