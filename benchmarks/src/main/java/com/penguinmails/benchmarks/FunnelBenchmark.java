package com.penguinmails.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.analytics.channels.ChannelEventService;
import com.penguinmails.analytics.funnel.FunnelReport;
import com.penguinmails.analytics.funnel.FunnelWriter;
import com.penguinmails.analytics.wiring.FunnelWiring;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.local.LocalPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cross-channel funnel's cost, on a local platform's dynalite: 1,000 {@code channel.activity} events (LinkedIn,
 * calls, SMS, email replies) over 100 contacts in 10 campaigns, made by the same service as
 * {@code POST /v1/channel-events} and applied by the funnel-writer's {@link FunnelWriter} in SQS batches of 100;
 * then the same events again (a redelivery), then one campaign's funnel read.
 */
final class FunnelBenchmark {

    private static final String WS = "ws_FunnelBench0000000001";
    private static final String[][] ACTIVITY = {
            {"linkedin", "sent"}, {"linkedin", "connected"}, {"linkedin", "replied"}, {"call", "connected"}, {"call", "meeting-booked"},
            {"sms", "delivered"}, {"sms", "replied"}, {"email", "opened"}, {"email", "replied"}};

    void run() throws Exception {
        FunctionCatalog catalog = FunctionCatalog.load();
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(false).catalog(catalog).start()) {
            Platform wired = RollupBenchmark.wired(platform, catalog);
            List<PlatformEvent> events = events(platform);
            RollupBenchmark.asFunction(() -> apply(platform, catalog, wired, events, "first delivery"));
            RollupBenchmark.asFunction(() -> apply(platform, catalog, wired, events, "the same events again"));
            RollupBenchmark.asFunction(() -> read(platform, catalog, wired));
        }
    }

    /** 1,000 events as the channel-events API makes them: 100 contacts x 10 campaigns, a few steps each, shuffled. */
    private static List<PlatformEvent> events(LocalPlatform platform) {
        List<PlatformEvent> published = new ArrayList<>();
        ChannelEventService service = new ChannelEventService(published::addAll, platform.clock(), "/penguinmails/benchmarks");
        SplittableRandom random = new SplittableRandom(21);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("events");
        String occurredAt = platform.clock().instant().minus(Duration.ofMinutes(5)).toString();
        for (int i = 0; i < 1_000; i++) {
            String[] activity = ACTIVITY[random.nextInt(ACTIVITY.length)];
            items.addObject().put("channel", activity[0]).put("type", activity[1]).put("contact", "c" + random.nextInt(100) + "@example.org")
                    .put("campaignId", "cmp_" + random.nextInt(10)).put("occurredAt", occurredAt).put("idempotencyId", "bench-" + i);
        }
        service.submit(WS, body);
        if (published.size() != 1_000) {
            throw new IllegalStateException("the channel-events service accepted " + published.size() + " of 1,000 events");
        }
        return published;
    }

    private static void apply(LocalPlatform platform, FunctionCatalog catalog, Platform wired, List<PlatformEvent> events, String pass) {
        FunnelWriter writer = FunnelWiring.writer(wired);
        DynamoDbUsage usage = RollupBenchmark.meter(platform, catalog);
        int writes = 0;
        for (int i = 0; i < events.size(); i += 100) {
            FunnelWriter.Outcome outcome = writer.record(events.subList(i, Math.min(events.size(), i + 100)));
            if (!outcome.failed().isEmpty()) {
                throw new IllegalStateException(outcome.failed().size() + " events failed: " + outcome.failed().values().iterator().next());
            }
            writes += outcome.writes();
        }
        MeteringInterceptor.stop();
        double perMillion = (usage.writeUnits() * CostTable.DYNAMODB_WRITE_UNIT + usage.readUnits() * CostTable.DYNAMODB_READ_UNIT) / events.size() * 1e6;
        System.out.printf(Locale.ROOT, "funnel, %s: %d channel events in batches of 100 (100 contacts x 10 campaigns): %d entry writes;"
                        + " %.3f write requests, %.3f write units and %.3f read units per event (%.0f read requests);"
                        + " $%.2f per million events on DynamoDB on-demand%n",
                pass, events.size(), writes, usage.writeRequests() / (double) events.size(), usage.writeUnits() / events.size(),
                usage.readUnits() / events.size(), (double) usage.readRequests(), perMillion);
    }

    private static void read(LocalPlatform platform, FunctionCatalog catalog, Platform wired) {
        DynamoDbUsage usage = RollupBenchmark.meter(platform, catalog);
        long began = System.nanoTime();
        FunnelReport report = FunnelWiring.reader(wired).funnel(WS, "cmp_3", null, 100);
        double millis = (System.nanoTime() - began) / 1e6;
        MeteringInterceptor.stop();
        System.out.printf(Locale.ROOT, "funnel read of one campaign (%d contacts listed): %.1f read units in %d requests, %.0f ms on dynalite%n",
                report.contacts().items().size(), usage.readUnits(), usage.readRequests(), millis);
    }
}
