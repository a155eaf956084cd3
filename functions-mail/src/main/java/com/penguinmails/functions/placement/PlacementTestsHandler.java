package com.penguinmails.functions.placement;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.placement.PlacementTest;
import com.penguinmails.sending.placement.PlacementTestService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/placement-tests}: send a content from one mailbox to the workspace's seed mailboxes and see, as the
 * warmup run reads them, where each copy landed (inbox, spam, other folder; missing if not seen within 30 minutes).
 */
public final class PlacementTestsHandler extends HttpApiHandler {

    private static final int DEFAULT_LIMIT = 20;

    private final PlacementTestService tests;

    public PlacementTestsHandler() {
        this(Platform.fromEnvironment());
    }

    public PlacementTestsHandler(Platform platform) {
        super(platform);
        this.tests = MailWiring.placementTestService(platform);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<PlacementTestsHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/placement-tests", PlacementTestsHandler::create),
            Map.entry("GET /v1/placement-tests", PlacementTestsHandler::list),
            Map.entry("GET /v1/placement-tests/{id}", PlacementTestsHandler::get));

    record CopyView(String seedMailboxId, String seedAddress, String provider, String status, Instant observedAt, String error) {}

    /** Counts by status; {@code inboxRate} is inbox over every copy no longer pending (missing ones count against it). */
    record Tally(int copies, Map<String, Integer> byStatus, Double inboxRate) {}

    record TestView(String id, String fromMailboxId, String subject, Instant createdAt, String status, Tally summary,
                    Map<String, Tally> byProvider, List<CopyView> copies) {}

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        PlacementTest test = tests.create(request.principal().workspaceId(), RequestBodies.read(request, PlacementTestService.NewPlacementTest.class));
        return ApiResponse.created(view(test)).withHeader("Location", "/v1/placement-tests/" + test.id());
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(view(tests.get(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse list(ApiRequest request) {
        String limit = request.query("limit");
        int n;
        try {
            n = limit == null || limit.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("limit", "limit is a whole number from 1 to " + PlacementTestService.MAX_LISTED + ".");
        }
        return ApiResponse.ok(Map.of("data", tests.recent(request.principal().workspaceId(), n).stream().map(this::view).toList()));
    }

    private TestView view(PlacementTest test) {
        Instant now = tests.clock().instant();
        List<CopyView> copies = new ArrayList<>();
        List<PlacementTest.CopyStatus> all = new ArrayList<>();
        Map<String, List<PlacementTest.CopyStatus>> byProvider = new LinkedHashMap<>();
        for (PlacementTest.SeedCopy copy : test.copies()) {
            PlacementTest.CopyStatus status = test.status(copy, now);
            copies.add(new CopyView(copy.seedMailboxId(), copy.seedAddress(), copy.provider().wireName(), status.wireName(), copy.observedAt(),
                    copy.sendError()));
            all.add(status);
            byProvider.computeIfAbsent(copy.provider().wireName(), p -> new ArrayList<>()).add(status);
        }
        Map<String, Tally> providers = new LinkedHashMap<>();
        byProvider.forEach((provider, statuses) -> providers.put(provider, tally(statuses)));
        return new TestView(test.id(), test.fromMailboxId(), test.subject(), test.createdAt(), test.complete(now) ? "complete" : "running",
                tally(all), providers, copies);
    }

    private static Tally tally(List<PlacementTest.CopyStatus> statuses) {
        Map<PlacementTest.CopyStatus, Integer> counts = new EnumMap<>(PlacementTest.CopyStatus.class);
        for (PlacementTest.CopyStatus status : PlacementTest.CopyStatus.values()) {
            counts.put(status, 0);
        }
        statuses.forEach(status -> counts.merge(status, 1, Integer::sum));
        int decided = counts.get(PlacementTest.CopyStatus.INBOX) + counts.get(PlacementTest.CopyStatus.SPAM)
                + counts.get(PlacementTest.CopyStatus.OTHER) + counts.get(PlacementTest.CopyStatus.MISSING);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        counts.forEach((status, n) -> byStatus.put(status.wireName(), n));
        Double rate = decided == 0 ? null : Math.round(10_000.0 * counts.get(PlacementTest.CopyStatus.INBOX) / decided) / 10_000.0;
        return new Tally(statuses.size(), byStatus, rate);
    }
}
