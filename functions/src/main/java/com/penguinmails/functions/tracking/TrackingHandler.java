package com.penguinmails.functions.tracking;

import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.delivery.SesEventParser;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.tracking.TrackingTokens.Claims;
import com.penguinmails.sending.tracking.TrackingTokens.Kind;
import com.penguinmails.sending.tracking.TrackingTokens;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The public links inside emails: open pixel, click redirect, unsubscribe page and RFC 8058 one-click unsubscribe.
 * No API key; each link carries a signed token, and a forged or altered one is a 404 that changes nothing.
 * A click only ever redirects to the URL signed into its token. A one-click POST suppresses the address before it
 * answers; opens, clicks and unsubscribes reach the message timeline through the delivery-events queue.
 */
public final class TrackingHandler extends HttpApiHandler {

    private static final String PIXEL_GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    private static final String ONE_CLICK = "POST /t/unsubscribe/{token}";

    private final TrackingTokens tokens;
    private final SuppressionService suppressions;
    private final SqsClient sqs;
    private final String eventsQueueUrl;
    private final Clock clock;

    public TrackingHandler() {
        this(Platform.fromEnvironment());
    }

    public TrackingHandler(Platform platform) {
        super(platform);
        this.tokens = SendingWiring.trackingTokens(platform);
        this.suppressions = SendingWiring.suppressionService(platform);
        this.sqs = platform.sqs();
        this.eventsQueueUrl = platform.queueUrl("delivery-events");
        this.clock = platform.clock();
    }

    @Override
    protected boolean acceptsContentType(String routeKey, String contentType) {
        // Mail clients post "List-Unsubscribe=One-Click" as a form; whatever they send, the POST itself is the request.
        return ONE_CLICK.equals(routeKey) || super.acceptsContentType(routeKey, contentType);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<TrackingHandler> ROUTES = Routes.of(
            Map.entry("GET /t/open/{token}", TrackingHandler::open),
            Map.entry("GET /t/click/{token}", TrackingHandler::click),
            Map.entry("GET /t/unsubscribe/{token}", TrackingHandler::unsubscribePage),
            Map.entry(ONE_CLICK, TrackingHandler::unsubscribe));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse open(ApiRequest request) {
        Claims claims = verified(request.pathParameter("token"), Kind.OPEN);
        publish("OPEN", "open-" + Ids.randomBase62(16), claims, request.header("user-agent"));
        return new ApiResponse(200, Map.of("Content-Type", "image/gif", "Cache-Control", "no-store"), PIXEL_GIF, true);
    }

    private ApiResponse click(ApiRequest request) {
        Claims claims = verified(request.pathParameter("token"), Kind.CLICK);
        publish("CLICK", "click-" + Ids.randomBase62(16), claims, claims.url());
        return new ApiResponse(302, Map.of("Location", claims.url(), "Cache-Control", "no-store"), "");
    }

    private ApiResponse unsubscribePage(ApiRequest request) {
        verified(request.pathParameter("token"), Kind.UNSUBSCRIBE);
        return html(200, "<h1>Unsubscribe</h1><p>Stop receiving these emails?</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    private ApiResponse unsubscribe(ApiRequest request) {
        Claims claims = verified(request.pathParameter("token"), Kind.UNSUBSCRIBE);
        suppressions.recordEvent(claims.workspaceId(), claims.recipient(), Suppression.Reason.UNSUBSCRIBE, "one-click");
        publish("UNSUBSCRIBE", "unsubscribe-" + claims.messageId(), claims, "one-click");
        return html(200, "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
    }

    private Claims verified(String token, Kind kind) {
        return tokens.verify(token).filter(c -> c.kind() == kind)
                .orElseThrow(() -> ApiProblem.notFound("This link is not valid."));
    }

    private void publish(String type, String eventId, Claims claims, String detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("source", SesEventParser.TRACKING_SOURCE);
        event.put("type", type);
        event.put("eventId", eventId);
        event.put("workspaceId", claims.workspaceId());
        event.put("messageId", claims.messageId());
        event.put("recipient", claims.recipient());
        event.put("at", clock.instant().toString());
        if (detail != null) {
            event.put("detail", detail);
        }
        try {
            String body = Json.MAPPER.writeValueAsString(event);
            sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiResponse html(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Email preferences</title></head><body>" + body + "</body></html>");
    }
}
