package com.penguinmails.functions.tracking;

import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.shared.events.DeliveryEvent;
import com.penguinmails.shared.events.DeliveryEventFormat;
import com.penguinmails.shared.events.DeliveryEventQueue;
import com.penguinmails.shared.platform.Ids;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.problems.ApiProblem;
import com.penguinmails.shared.suppressions.Suppression;
import com.penguinmails.shared.suppressions.SuppressionService;
import com.penguinmails.shared.tracking.TrackingEvents;
import com.penguinmails.shared.tracking.TrackingTokens;
import com.penguinmails.shared.tracking.TrackingTokens.Claims;
import com.penguinmails.shared.tracking.TrackingTokens.Kind;
import com.penguinmails.shared.wiring.Services;
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
        this.tokens = Services.trackingTokens(platform);
        this.suppressions = Services.suppressionService(platform);
        this.deliveryEvents = Services.deliveryEventQueue(platform);
        this.clock = platform.clock();
    }

    @Override
    protected boolean acceptsContentType(String routeKey, String contentType) {
        // Mail clients post "List-Unsubscribe=One-Click" as a form; whatever they send, the POST itself is the request.
        return ONE_CLICK.equals(routeKey) || super.acceptsContentType(routeKey, contentType);
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        String token = request.pathParameter("token");
        return switch (request.routeKey()) {
            case "GET /t/open/{token}" -> {
                Claims claims = verified(token, Kind.OPEN);
                publish(DeliveryEvent.Type.OPEN, "open-" + Ids.randomBase62(16), claims, request.header("user-agent"));
                yield new ApiResponse(200, Map.of("Content-Type", "image/gif", "Cache-Control", "no-store"), PIXEL_GIF, true);
            }
            case "GET /t/click/{token}" -> {
                Claims claims = verified(token, Kind.CLICK);
                publish(DeliveryEvent.Type.CLICK, "click-" + Ids.randomBase62(16), claims, claims.url());
                yield new ApiResponse(302, Map.of("Location", claims.url(), "Cache-Control", "no-store"), "");
            }
            case "GET /t/unsubscribe/{token}" -> {
                verified(token, Kind.UNSUBSCRIBE);
                yield html(200, "<h1>Unsubscribe</h1><p>Stop receiving these emails?</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>");
            }
            case ONE_CLICK -> {
                Claims claims = verified(token, Kind.UNSUBSCRIBE);
                suppressions.recordEvent(claims.workspaceId(), claims.recipient(), Suppression.Reason.UNSUBSCRIBE, "one-click");
                publish(DeliveryEvent.Type.UNSUBSCRIBE, "unsubscribe-" + claims.messageId(), claims, "one-click");
                yield html(200, "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
            }
            default -> throw ApiProblem.notFound("No route " + request.routeKey() + ".");
        };
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
