package com.penguinmails.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Granularity;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.kpis.KpiReport;
import com.penguinmails.analytics.kpis.KpiRequest;
import com.penguinmails.analytics.kpis.KpiService;
import com.penguinmails.analytics.rollups.CounterStore;
import com.penguinmails.analytics.rollups.DimensionSet;
import com.penguinmails.analytics.rollups.HourPart;
import com.penguinmails.analytics.rollups.PackStore;
import com.penguinmails.analytics.rollups.RollupAggregator;
import com.penguinmails.analytics.rollups.RollupFold;
import com.penguinmails.analytics.rollups.RollupQueryService;
import com.penguinmails.analytics.rollups.internal.DynamoDbCounterStore;
import com.penguinmails.analytics.wiring.RollupWiring;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.local.LocalPlatform;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The roll-up figures of issue 11, on a local platform's dynalite:
 * <ol>
 *   <li>DynamoDB writes (requests and billed units) per event, a batch of 100 events over 20 campaigns per fold
 *       minute, and with ten such batches a minute;</li>
 *   <li>events per second through the local platform: events put on the {@code rollups} queue, packed by the
 *       rollup-aggregator function, then folded;</li>
 *   <li>read units and latency of a 90-day daily KPI query grouped by campaign over 100 campaigns (every hour of
 *       every day holding all 100: the worst case).</li>
 * </ol>
 */
final class RollupBenchmark {

    private static final String WS = "ws_RollupBench0000000001";
    private static final String[] TYPES = {"message.sent", "message.delivered", "message.opened", "message.clicked", "message.bounced"};
    private static final String[] RECIPIENT_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "example.org"};

    void run() throws Exception {
        FunctionCatalog real = FunctionCatalog.load();
        // Without the platform's own rollup-fold schedule: the benchmark folds, so it knows when and what.
        FunctionCatalog catalog = new FunctionCatalog(real.jars(), real.tables(), real.queues(),
                real.functions().stream().filter(f -> !f.name().equals("rollup-fold")).toList(), real.subscriptions());
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(false).catalog(catalog).start()) {
            Platform wired = wired(platform, catalog);
            asFunction(() -> writesPerEvent(platform, catalog, wired, 1));
            asFunction(() -> writesPerEvent(platform, catalog, wired, 10));
            throughput(platform, wired);
            asFunction(() -> ninetyDayQuery(platform, catalog, wired));
        }
    }

    private void writesPerEvent(LocalPlatform platform, FunctionCatalog catalog, Platform wired, int batchesPerMinute) {
        PackStore packs = RollupWiring.packs(wired);
        RollupAggregator aggregator = new RollupAggregator(packs, platform.clock());
        RollupFold fold = RollupWiring.fold(wired);
        fold.run(Duration.ofSeconds(60), w -> { }); // catch up first: what is measured is the steady state
        SplittableRandom random = new SplittableRandom(11);
        int minutes = 10;
        DynamoDbUsage usage = meter(platform, catalog);
        int events = 0;
        for (int minute = 0; minute < minutes; minute++) {
            for (int b = 0; b < batchesPerMinute; b++) {
                events += aggregator.record(batch(random, platform.clock().instant(), 100, 20));
            }
            platform.clock().advance(Duration.ofMinutes(1));
            fold.run(Duration.ofSeconds(60), w -> { });
        }
        MeteringInterceptor.stop();
        System.out.printf(Locale.ROOT, "roll-ups, %d batch(es) of 100 events over 20 campaigns a minute, %d events: %.3f DynamoDB write requests"
                        + " per event (aim at most 0.2), %.3f write units and %.3f read units per event (billing floors applied)%n",
                batchesPerMinute, events, usage.writeRequests() / (double) events, usage.writeUnits() / events, usage.readUnits() / events);
    }

    private void throughput(LocalPlatform platform, Platform wired) throws Exception {
        int total = 5_000;
        SplittableRandom random = new SplittableRandom(12);
        String queue = platform.queueUrl("rollups");
        List<PlatformEvent> events = batch(random, platform.clock().instant(), total, 20);
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(events.size(), i + 10); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(PlatformEventJson.write(events.get(j))).build());
            }
            platform.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
        }
        while (!drained(platform, queue)) {
            Thread.sleep(100);
        }
        double packed = (System.nanoTime() - start) / 1e9;
        platform.clock().advance(Duration.ofMinutes(1));
        long foldStart = System.nanoTime();
        RollupFold.Result result = RollupWiring.fold(wired).run(Duration.ofSeconds(120), w -> { });
        double folded = (System.nanoTime() - foldStart) / 1e9;
        System.out.printf(Locale.ROOT, "roll-ups through the local platform: %d events queued and packed by rollup-aggregator in %.1f s"
                        + " (%.0f events/s, SQS send included); the fold counted %d of them in %.2f s (%.0f events/s)%n",
                total, packed, total / packed, result.events(), folded, result.events() / folded);
    }

    private void ninetyDayQuery(LocalPlatform platform, FunctionCatalog catalog, Platform wired) {
        CounterStore writer = new DynamoDbCounterStore(wired.dynamoDb(), wired.tableName("rollups"), true);
        DimensionSet byCampaign = DimensionSet.of(List.of(Dimension.CAMPAIGN)).orElseThrow();
        String workspace = "ws_RollupBenchQuery000001";
        Instant end = platform.clock().instant().truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minus(90, ChronoUnit.DAYS);
        SplittableRandom random = new SplittableRandom(13);
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(1, ChronoUnit.HOURS)) {
            Map<List<String>, Counts> values = new LinkedHashMap<>();
            for (int c = 0; c < 100; c++) {
                long sent = 20 + random.nextInt(200);
                values.put(List.of(String.format("cmp_%03d", c)), new Counts(Map.of(Metric.SENT, sent, Metric.DELIVERED, sent - 2,
                        Metric.OPENED, sent / 3, Metric.UNIQUE_OPENED, sent / 4, Metric.CLICKED, sent / 20, Metric.UNIQUE_CLICKED, sent / 25,
                        Metric.BOUNCED_HARD, 1L, Metric.BOUNCED_SOFT, 1L, Metric.REPLIED, sent / 50)));
            }
            writer.writePart(new HourPart(workspace, byCampaign, hour, 0, values, 1, hour));
        }
        KpiService kpis = new KpiService(new RollupQueryService(RollupWiring.counters(wired)));
        KpiRequest request = new KpiRequest(workspace, start, end, Granularity.DAY, List.of(Dimension.CAMPAIGN), Map.of(), ZoneOffset.UTC);
        kpis.report(request); // warm the JVM's code paths; the runs below are measured
        List<Double> millis = new ArrayList<>();
        double units = 0;
        long requests = 0;
        KpiReport report = null;
        for (int run = 0; run < 5; run++) {
            DynamoDbUsage usage = meter(platform, catalog);
            long began = System.nanoTime();
            report = kpis.report(request);
            millis.add((System.nanoTime() - began) / 1e6);
            MeteringInterceptor.stop();
            units = usage.readUnits();
            requests = usage.readRequests();
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "90-day daily KPI query grouped by campaign, 100 campaigns (%d groups x %d days, 2,160 hourly items):"
                        + " %.0f read units (eventually consistent) in %d requests, median %.0f ms (min %.0f, max %.0f) on dynalite%n",
                report.groups().size(), report.series().size(), units, requests, millis.get(2), millis.get(0), millis.get(4));
    }

    /** A Platform on the local platform's tables and clients, as a deployed function would see them. */
    static Platform wired(LocalPlatform platform, FunctionCatalog catalog) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (TableSpec table : catalog.tables()) {
            environment.put(ResourceNames.tableVariable(table.name()), platform.tableName(table.name()));
        }
        return Platform.create(environment, platform.dynamoDb(), platform.sqs(), platform.clock());
    }

    /** On a thread the meters count as a function's (MeteringInterceptor counts only the functions' calls). */
    static void asFunction(Runnable work) throws InterruptedException {
        Thread thread = new Thread(work, "pm-local-invoke-rollup-benchmark");
        thread.start();
        thread.join();
    }

    static DynamoDbUsage meter(LocalPlatform platform, FunctionCatalog catalog) {
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        catalog.tables().forEach(t -> tables.put(platform.tableName(t.name()), t));
        DynamoDbUsage usage = new DynamoDbUsage(tables);
        MeteringInterceptor.meter(new MeteringInterceptor.Meters(usage, new MessagingUsage()));
        return usage;
    }

    private static boolean drained(LocalPlatform platform, String queue) {
        return platform.sqs().getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals);
    }

    /** {@code size} message events of one workspace over {@code campaigns} campaigns, five providers and one IP. */
    private static List<PlatformEvent> batch(SplittableRandom random, Instant now, int size, int campaigns) {
        List<PlatformEvent> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String id = Long.toHexString(random.nextLong());
            ObjectNode data = Json.MAPPER.createObjectNode().put("messageId", "msg_" + id)
                    .put("recipient", "r" + random.nextInt(100_000) + "@" + RECIPIENT_DOMAINS[random.nextInt(RECIPIENT_DOMAINS.length)])
                    .put("campaignId", String.format("cmp_%02d", i % campaigns)).put("resourceId", "ip_19851001" + (i % 4))
                    .put("sendingDomain", "coldco.test").put("pool", "pool_main").put("sentAt", now.minusSeconds(30).toString());
            data.putArray("tags").add("q4");
            if (type.equals("message.bounced")) {
                data.put("bounceType", random.nextBoolean() ? "hard" : "soft");
            }
            if (type.equals("message.opened") || type.equals("message.clicked")) {
                data.put("unique", random.nextBoolean()).put("machine", random.nextInt(5) == 0);
            }
            events.add(PlatformEvent.builder(EventType.fromWireName(type).orElseThrow()).id(id).source("/benchmarks").time(now)
                    .workspaceId(WS).subject("msg_" + id).data(data).build());
        }
        return events;
    }
}
