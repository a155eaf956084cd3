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
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.tracking.TrackingEvents;
import com.penguinmails.sending.tracking.TrackingTokens;
import com.penguinmails.sending.tracking.TrackingTokens.Claims;
import com.penguinmails.sending.tracking.TrackingTokens.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    private final DeliveryEventQueue deliveryEvents;
    private final Clock clock;

    public TrackingHandler() {
        this(Platform.fromEnvironment());
    }

    public TrackingHandler(Platform platform) {
        super(platform);
        this.tokens = SendingWiring.trackingTokens(platform);
        this.suppressions = SendingWiring.suppressionService(platform);
        this.deliveryEvents = SendingWiring.deliveryEventQueue(platform);
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
        publish(DeliveryEvent.Type.OPEN, "open-" + Ids.randomBase62(16), claims, request.header("user-agent"));
        return new ApiResponse(200, Map.of("Content-Type", "image/gif", "Cache-Control", "no-store"), PIXEL_GIF, true);
    }

    private ApiResponse click(ApiRequest request) {
        Claims claims = verified(request.pathParameter("token"), Kind.CLICK);
        publish(DeliveryEvent.Type.CLICK, "click-" + Ids.randomBase62(16), claims, claims.url());
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
        publish(DeliveryEvent.Type.UNSUBSCRIBE, "unsubscribe-" + claims.messageId(), claims, "one-click");
        return html(200, "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
    }

    private Claims verified(String token, Kind kind) {
        return tokens.verify(token).filter(c -> c.kind() == kind)
                .orElseThrow(() -> ApiProblem.notFound("This link is not valid."));
    }

    private void publish(DeliveryEvent.Type type, String eventId, Claims claims, String detail) {
        deliveryEvents.queue(DeliveryEventFormat.Origin.TRACKING, List.of(TrackingEvents.hit(type, eventId, claims, clock.instant(), detail)),
                Duration.ZERO);
    }

    private static ApiResponse html(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Email preferences</title></head><body>" + body + "</body></html>");
    }
}
