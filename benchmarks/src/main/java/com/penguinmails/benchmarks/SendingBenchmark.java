package com.penguinmails.benchmarks;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.QueueSpec;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.platform.Json;
import com.penguinmails.embedded.DynaliteServer;
import com.penguinmails.local.LocalPlatform;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sending pipeline end to end on the local platform, in two cases, each on a platform of its own:
 * <ul>
 *   <li>IP pool: one workspace, one pool of {@value #IPS} IPs (each with a warmup cap above the whole run), {@code EMAILS}
 *       emails in batches of 1,000 through {@code POST /v1/messages/batch} from four clients at once, the sender (claim,
 *       cap, SMTP to the sink), the simulated SES delivery event, the ingest and the event log. Before and after it,
 *       the embedded DynamoDB's raw write rate with the functions' client settings.</li>
 *   <li>Mailboxes: a campaign through {@value #MAILBOXES} mailboxes made with {@code POST /v1/mailboxes} on the local
 *       SMTP sink, batches of 10 per mailbox in turn. Mailbox mail is paced 60 to 300 s apart per mailbox, so the
 *       platform clock is moved a minute at a time (which runs the due-message release, as every minute in AWS)
 *       whenever the pipeline is idle, until every mail is in the sink.</li>
 * </ul>
 * Measured from the first send to the last mail in the sink with every queue drained: DynamoDB units (with
 * DynamoDB's billing floors) and where they land, SQS and SNS requests, Lambda invocations and GB-seconds, log
 * bytes; printed per email, as the hottest keys' load at a million emails an hour, and as a cost per million.
 */
final class SendingBenchmark {

    static final int EMAILS = Integer.getInteger("penguinmails.benchmarks.emails", 10_000);
    /** Mailbox mail takes platform-clock minutes per mail and mailbox; the default keeps the run to minutes. */
    static final int MAILBOX_EMAILS = Integer.getInteger("penguinmails.benchmarks.mailboxEmails", Math.min(EMAILS, 2_000));
    static final boolean PROFILE = Boolean.getBoolean("penguinmails.benchmarks.profile");
    /** Batches each SQS-triggered function works on at once (the local platform's default: five, where Lambda starts). */
    static final int SQS_CONCURRENCY = Integer.getInteger("penguinmails.benchmarks.sqsConcurrency", LocalPlatform.DEFAULT_SQS_CONCURRENCY);
    /**
     * The workspace's suppression list in the IP-pool case, as if built up long ago (written straight to the table, so
     * no recent-additions record): addresses that sort among the recipients', which is what an accept's lookup pays for.
     */
    static final int SUPPRESSIONS = Integer.getInteger("penguinmails.benchmarks.suppressions", 10_000);
    static final int IPS = 10;
    static final int MAILBOXES = 100;
    private static final int BATCH = 1000;
    private static final int API_CLIENTS = 4;
    private static final int MAILBOX_BATCH = 10;
    private static final int RAW_THREADS = 4;
    private static final Duration RAW_LENGTH = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CLOCK_STEP = Duration.ofSeconds(60);
    /** One million emails an hour, per second. */
    private static final double TARGET_EMAILS_PER_SECOND = 1e6 / 3600;
    private static final double WRITE_LIMIT = 500;
    private static final double READ_LIMIT = 1500;

    void run() throws Exception {
        FunctionCatalog catalog = FunctionCatalog.load();
        Measured ipPool = ipPoolCase(catalog);
        report(ipPool);
        Measured mailboxes = mailboxCase(catalog);
        report(mailboxes);
    }

    /** Everything one case measured. */
    private record Measured(String name, int emails, int inSink, double acceptSeconds, double totalSeconds, Duration platformTime,
                            long apiRequests, DynamoDbUsage dynamoDb, MessagingUsage messaging, LambdaUsage lambda, KeyLabels labels,
                            double dynaliteCpuSeconds, double jvmCpuSeconds, String cpuByPart, RawWriteRate.Result raw, String profile) {

        Measured withRaw(RawWriteRate.Result rate) {
            return new Measured(name, emails, inSink, acceptSeconds, totalSeconds, platformTime, apiRequests, dynamoDb, messaging, lambda,
                    labels, dynaliteCpuSeconds, jvmCpuSeconds, cpuByPart, rate, profile);
        }
    }

    /**
     * {@link #SUPPRESSIONS} entries named like the recipients ({@code reader<n>-old@example.org}, a distinct n in every ten), so they sit between the recipients' addresses in the table's key order, as a real list's do.
     */
    private static void seedSuppressions(LocalPlatform platform, String workspaceId) {
        java.util.Random random = new java.util.Random(20261202);
        String table = platform.tableName("suppressions");
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < SUPPRESSIONS; i++) {
            String email = "reader" + (i * 10 + random.nextInt(10)) + "-old@example.org";
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = Map.of(
                    "workspaceId", av(workspaceId), "entry", av(email + "|workspace"), "email", av(email), "scope", av("workspace"),
                    "reason", av("UNSUBSCRIBE"), "source", av("benchmark seed"),
                    "createdAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("0"));
            writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(r -> r.item(item)).build());
            if (writes.size() == 25 || i == SUPPRESSIONS - 1) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = List.copyOf(writes);
                var unprocessed = platform.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of(table, batch))).unprocessedItems();
                while (unprocessed != null && !unprocessed.isEmpty()) {
                    var retry = unprocessed;
                    unprocessed = platform.dynamoDb().batchWriteItem(r -> r.requestItems(retry)).unprocessedItems();
                }
                writes.clear();
            }
        }
        System.out.printf("sending[ip-pool]: suppression list of %,d addresses among the recipients' (PM_BENCH_SUPPRESSIONS)%n", SUPPRESSIONS);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private Measured ipPoolCase(FunctionCatalog catalog) throws Exception {
        LambdaUsage lambda = new LambdaUsage();
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(true).invocationListener(lambda)
                .sqsConcurrency(SQS_CONCURRENCY).start()) {
            DynaliteServer dynalite = platform.embeddedDynamoDb().orElseThrow(() -> new IllegalStateException("needs the embedded DynamoDB"));
            Duration senderTimeout = Duration.ofSeconds(catalog.functions().stream().filter(f -> f.name().equals("sender"))
                    .findFirst().orElseThrow().timeoutSeconds());
            RawWriteRate.Result rawBefore = RawWriteRate.measure(dynalite.endpoint(), "us-east-1", senderTimeout, RAW_THREADS, RAW_LENGTH);

            Api api = new Api(platform);
            KeyLabels labels = new KeyLabels();
            labels.name(platform.workspaceId().orElseThrow(), "workspace");
            verifiedDomain(api);
            List<Map<String, Object>> members = new ArrayList<>();
            for (int i = 1; i <= IPS; i++) {
                String ip = api.post("/v1/ips", "{\"address\":\"198.51.100." + (10 + i) + "\",\"warmupSteps\":[" + EMAILS + "]}").get("id").toString();
                labels.name(ip, "ip " + i);
                members.add(Map.of("ipId", ip, "weight", 1));
            }
            String pool = api.post("/v1/ip-pools", Json.MAPPER.writeValueAsString(Map.of("name", "bench", "ips", members))).get("id").toString();
            labels.name(pool, "pool");

            seedSuppressions(platform, platform.workspaceId().orElseThrow());

            Metering metering = Metering.start(platform, catalog, lambda, "ip-pool");
            api.requests.reset();
            long start = System.nanoTime();
            // Several API clients at once, as a large sender submits: one after another, the API's own pace (a batch of
            // 1,000 is 1,000 message writes in one invocation) would be all the pipeline ever gets to see.
            ExecutorService clients = Executors.newFixedThreadPool(API_CLIENTS, r -> new Thread(r, "benchmark-api-client"));
            List<Future<Integer>> batches = new ArrayList<>();
            for (int first = 0; first < EMAILS; first += BATCH) {
                int from = first;
                batches.add(clients.submit(() -> {
                    StringBuilder recipients = new StringBuilder();
                    for (int i = from; i < Math.min(EMAILS, from + BATCH); i++) {
                        recipients.append(recipients.length() == 0 ? "" : ",").append("{\"to\":\"reader").append(i)
                                .append("@example.org\",\"variables\":{\"name\":\"Reader ").append(i).append("\"}}");
                    }
                    return ((Number) api.post("/v1/messages/batch", "{\"from\":\"news@bench.test\",\"subject\":\"Hello {{name}}\","
                            + "\"html\":\"<p>Hi {{name}}, here is the news.</p>\",\"text\":\"Hi {{name}}\",\"ipPool\":\"" + pool
                            + "\",\"recipients\":[" + recipients + "]}").get("accepted")).intValue();
                }));
            }
            int accepted = 0;
            for (Future<Integer> batch : batches) {
                accepted += batch.get();
            }
            clients.shutdown();
            double acceptSeconds = (System.nanoTime() - start) / 1e9;
            int expected = accepted;
            awaitDone(platform, catalog, start, () -> platform.mailSink().messages().size() >= expected, null);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            Measured measured = metering.stop("ip-pool", EMAILS, platform.mailSink().messages().size(), acceptSeconds, totalSeconds,
                    Duration.ZERO, api.requests.sum(), labels, null);
            // Once more after the pipeline: on a shared machine the rate swings with what else runs; the higher one counts.
            RawWriteRate.Result rawAfter = RawWriteRate.measure(dynalite.endpoint(), "us-east-1", senderTimeout, RAW_THREADS, RAW_LENGTH);
            System.out.printf(Locale.ROOT, "sending: embedded DynamoDB raw write rate: %.0f PutItem/s before the pipeline, %.0f/s after it (%d threads, "
                            + "%d s each, small items, the functions' client settings, the same dynalite)%n", rawBefore.perSecond(),
                    rawAfter.perSecond(), RAW_THREADS, RAW_LENGTH.toSeconds());
            return measured.withRaw(rawBefore.perSecond() >= rawAfter.perSecond() ? rawBefore : rawAfter);
        }
    }

    private Measured mailboxCase(FunctionCatalog catalog) throws Exception {
        LambdaUsage lambda = new LambdaUsage();
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(true).invocationListener(lambda)
                .sqsConcurrency(SQS_CONCURRENCY).start()) {
            Api api = new Api(platform);
            KeyLabels labels = new KeyLabels();
            labels.name(platform.workspaceId().orElseThrow(), "workspace");
            verifiedDomain(api);
            int perMailbox = (MAILBOX_EMAILS + MAILBOXES - 1) / MAILBOXES;
            List<String> mailboxes = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= MAILBOXES; i++) {
                String address = String.format(Locale.ROOT, "rep%03d@bench.test", i);
                String password = "pw-bench-" + i;
                platform.mailSink().ensureUser(address, password);
                // No IMAP: not in the warmup exchange, so the run is the campaign alone. Open all day, every day, with
                // a cold-email cap above what the run sends, so only the 60 to 300 s pacing holds mail back.
                String id = api.post("/v1/mailboxes", "{\"email\":\"" + address + "\",\"smtp\":{\"host\":\"127.0.0.1\",\"port\":"
                        + platform.mailSink().smtpPort() + ",\"username\":\"" + address + "\",\"password\":\"" + password + "\",\"tls\":\"none\"},"
                        + "\"timezone\":\"UTC\",\"workingHours\":{\"start\":\"00:00\",\"end\":\"24:00\",\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]},"
                        + "\"warmup\":{\"maxColdEmailsPerDay\":" + (perMailbox * 2) + "}}").get("id").toString();
                labels.name(id, "mailbox " + i);
                mailboxes.add(id);
                addresses.add(address);
            }

            Metering metering = Metering.start(platform, catalog, lambda, "mailboxes");
            api.requests.reset();
            long start = System.nanoTime();
            int accepted = 0;
            int recipient = 0;
            for (int round = 0; round * MAILBOX_BATCH < perMailbox; round++) {
                for (int m = 0; m < MAILBOXES && recipient < MAILBOX_EMAILS; m++) {
                    StringBuilder recipients = new StringBuilder();
                    for (int i = 0; i < Math.min(MAILBOX_BATCH, perMailbox - round * MAILBOX_BATCH) && recipient < MAILBOX_EMAILS; i++, recipient++) {
                        recipients.append(recipients.length() == 0 ? "" : ",").append("{\"to\":\"prospect").append(recipient)
                                .append("@example.org\",\"variables\":{\"name\":\"Prospect ").append(recipient).append("\"}}");
                    }
                    if (recipients.length() == 0) {
                        continue;
                    }
                    accepted += ((Number) api.post("/v1/messages/batch", "{\"from\":\"" + addresses.get(m) + "\",\"subject\":\"A quick idea, {{name}}\","
                            + "\"text\":\"Hi {{name}}, a quick idea for you.\",\"mailbox\":\"" + mailboxes.get(m)
                            + "\",\"campaignId\":\"benchmark-campaign\",\"recipients\":[" + recipients + "]}").get("accepted")).intValue();
                }
            }
            double acceptSeconds = (System.nanoTime() - start) / 1e9;
            int expected = accepted;
            Duration advanced = awaitDone(platform, catalog, start, () -> platform.mailSink().messages().size() >= expected, api);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            return metering.stop("mailboxes", accepted, platform.mailSink().messages().size(), acceptSeconds, totalSeconds, advanced,
                    api.requests.sum(), labels, null);
        }
    }

    /** The meters of one case: the SDK calls, Lambda, CPU time and (with PM_BENCH_PROFILE) the stack sampler. */
    private record Metering(DynamoDbUsage dynamoDb, MessagingUsage messaging, LambdaUsage lambda, ProcessHandle dynalite,
                            double dynaliteCpuAtStart, double jvmCpuAtStart, CpuByPart cpuByPart, StackSampler sampler, CpuProfile cpu) {

        static Metering start(LocalPlatform platform, FunctionCatalog catalog, LambdaUsage lambda, String name) throws Exception {
            Map<String, TableSpec> tables = new LinkedHashMap<>();
            catalog.tables().forEach(t -> tables.put(platform.tableName(t.name()), t));
            DynamoDbUsage dynamoDb = new DynamoDbUsage(tables);
            MessagingUsage messaging = new MessagingUsage();
            ProcessHandle dynalite = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("dynalite")).orElse(false)).findFirst().orElse(null);
            lambda.start();
            MeteringInterceptor.meter(new MeteringInterceptor.Meters(dynamoDb, messaging));
            return new Metering(dynamoDb, messaging, lambda, dynalite, cpuSeconds(dynalite), jvmCpuSeconds(), new CpuByPart(),
                    PROFILE ? new StackSampler() : null, PROFILE ? new CpuProfile(name) : null);
        }

        Measured stop(String name, int emails, int inSink, double acceptSeconds, double totalSeconds, Duration platformTime,
                      long apiRequests, KeyLabels labels, RawWriteRate.Result raw) throws Exception {
            MeteringInterceptor.stop();
            lambda.stop();
            String byPart;
            try (cpuByPart) {
                byPart = cpuByPart.report(emails);
            }
            String profile = null;
            if (sampler != null) {
                sampler.close();
                try (cpu) {
                    profile = "wall-clock stack samples of function and poller threads: " + sampler.report() + ". " + cpu.report();
                }
            }
            return new Measured(name, emails, inSink, acceptSeconds, totalSeconds, platformTime, apiRequests, dynamoDb, messaging, lambda,
                    labels, cpuSeconds(dynalite) - dynaliteCpuAtStart, jvmCpuSeconds() - jvmCpuAtStart, byPart, raw, profile);
        }

        private static double cpuSeconds(ProcessHandle process) {
            return process == null ? 0 : process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        private static double jvmCpuSeconds() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() / 1e9 : 0;
        }
    }

    private void report(Measured m) {
        String c = "sending[" + m.name() + "]: ";
        double emails = m.emails();
        DynamoDbUsage d = m.dynamoDb();
        if (m.name().equals("ip-pool")) {
            System.out.printf(Locale.ROOT, c + "%d emails accepted in %.1f s (%.0f/s through the API, %d clients at once); %d in the SMTP sink and "
                    + "every queue drained after %.1f s: %.1f emails/s end to end%n", m.emails(), m.acceptSeconds(), emails / m.acceptSeconds(), API_CLIENTS, m.inSink(),
                    m.totalSeconds(), m.inSink() / m.totalSeconds());
        } else {
            System.out.printf(Locale.ROOT, c + "%d emails through %d mailboxes accepted in %.1f s; %d in the SMTP sink after %.1f s, the platform clock "
                    + "moved %d min (paced 60 to 300 s apart per mailbox: %.1f emails/s is the clock steps', not a throughput figure)%n",
                    m.emails(), MAILBOXES, m.acceptSeconds(), m.inSink(), m.totalSeconds(), m.platformTime().toMinutes(), m.inSink() / m.totalSeconds());
        }
        System.out.printf(Locale.ROOT, c + "DynamoDB %.2f capacity units per email (read %.2f RRU + write %.2f WRU; billing floors applied: at least "
                        + "0.5 RRU per item read or Query/Scan request, 1 WRU per item written, failed conditional writes included; the floors "
                        + "added %.2f units per email to what dynalite reported); %.2f write and %.2f read requests per email, %d failed conditions%n",
                (d.readUnits() + d.writeUnits()) / emails, d.readUnits() / emails, d.writeUnits() / emails, d.unitsAddedByFloors() / emails,
                d.writeRequests() / emails, d.readRequests() / emails, d.failedConditions());
        System.out.println(c + "units per email by call: " + d.breakdown(m.emails()));
        hotKeys(c, m, false, true);
        hotKeys(c, m, true, true);
        hotKeys(c, m, false, false);
        hotKeys(c, m, true, false);
        MessagingUsage q = m.messaging();
        System.out.printf(Locale.ROOT, c + "SQS %.2f requests per email (64 KB chunks; %.2f of them empty receives), SNS %.2f publish requests per email, "
                        + "SES event notifications %.2f per email (sent to SQS by the local SES stand-in; in AWS SES publishes them to SNS)%n",
                q.sqsRequests() / emails, q.emptyReceives() / emails, q.snsPublishRequests() / emails, q.sesNotifications() / emails);
        System.out.println(c + "SQS and SNS requests per email by call: " + q.breakdown(m.emails()));
        LambdaUsage l = m.lambda();
        System.out.printf(Locale.ROOT, c + "Lambda %.3f invocations and %.4f GB-s per email (%d failed; the handlers' own CPU time would make %.4f: "
                        + "the rest is waiting, for the store, SMTP and, on this machine, for a core shared with everything else); logs %.0f "
                        + "bytes per email (%.2f lines of function JSON logs, %.0f bytes, and Lambda's START/END/REPORT lines, %.0f bytes)%n",
                l.invocations() / emails, l.gbSeconds() / emails, l.failedInvocations(), l.cpuGbSeconds() / emails,
                (l.functionLogBytes() + l.platformLogBytes()) / emails, l.functionLogLines() / emails, l.functionLogBytes() / emails,
                l.platformLogBytes() / emails);
        System.out.println(c + "Lambda by function: " + l.breakdown());
        System.out.printf(Locale.ROOT, c + "CPU during the run: dynalite %.1f s (%.0f %% of one core; node runs it on one), this JVM %.1f s "
                + "(functions, ElasticMQ, the SMTP sink, the SNS stand-in; %.0f %% of the machine's %d cores)%n",
                m.dynaliteCpuSeconds(), 100 * m.dynaliteCpuSeconds() / m.totalSeconds(), m.jvmCpuSeconds(),
                100 * m.jvmCpuSeconds() / m.totalSeconds() / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, c + "%s; dynalite %.1f%n", m.cpuByPart(), m.dynaliteCpuSeconds() * 1000 / emails);
        if (m.profile() != null) {
            System.out.println(c + "profile: " + m.profile());
        }
        if (m.raw() != null) {
            double e2e = m.inSink() / m.totalSeconds();
            double writesPerEmail = d.writeRequests() / emails;
            double pipelineWrites = e2e * writesPerEmail;
            System.out.printf(Locale.ROOT, c + "goal check: %.1f emails/s x %.2f write requests per email = %.0f writes/s against the raw %.0f/s (the higher of the two): "
                            + "%.0f %% of it (aim at least 50 %%: %s)%n", e2e, writesPerEmail, pipelineWrites, m.raw().perSecond(),
                    100 * pipelineWrites / m.raw().perSecond(), pipelineWrites >= m.raw().perSecond() / 2 ? "met" : "not met");
        }
        CostTable cost = costTable(m);
        System.out.printf(Locale.ROOT, c + "cost per million emails at public us-east-1 on-demand prices as of %s, from this run's counts: $%.2f "
                + "(aim at most $5; SES's own price is $%.0f per million)%n", CostTable.PRICES_AS_OF, cost.total(), CostTable.SES_PER_MILLION);
        System.out.print(cost.markdown(m.name().equals("ip-pool") ? "IP pool (" + IPS + " IPs, batch API)" : "campaign through " + MAILBOXES + " mailboxes"));
        System.out.printf(Locale.ROOT, c + "Lambda duration from the handlers' own CPU time alone would be $%.2f per million (a floor: no "
                + "waiting at all), against $%.2f from their measured time in the table%n",
                m.lambda().cpuGbSeconds() / m.emails() * 1e6 * CostTable.LAMBDA_GB_SECOND_ARM,
                m.lambda().gbSeconds() / m.emails() * 1e6 * CostTable.LAMBDA_GB_SECOND_ARM);
        if (m.name().equals("mailboxes")) {
            System.out.println(c + "not in the table: in AWS each mailbox send attempt decrypts the mailbox's SMTP password with KMS "
                    + "(MailboxService.smtpSettings; the local cipher here is not metered): $0.03 per 10,000 requests, about $3 per million attempts");
        }
    }

    /** The hottest partition key (or item) for writes (or reads), its share, and its load at a million emails an hour. */
    private static void hotKeys(String c, Measured m, boolean items, boolean writes) {
        DynamoDbUsage d = m.dynamoDb();
        double total = writes ? d.writeUnits() : d.readUnits();
        List<DynamoDbUsage.Hottest> top = d.hottest(items, writes, 3);
        if (top.isEmpty() || total == 0) {
            return;
        }
        double limit = writes ? WRITE_LIMIT : READ_LIMIT;
        DynamoDbUsage.Hottest hottest = top.get(0);
        double perSecond = hottest.units() / m.emails() * TARGET_EMAILS_PER_SECOND;
        StringBuilder next = new StringBuilder();
        for (DynamoDbUsage.Hottest h : top.subList(1, top.size())) {
            next.append(next.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f %%", m.labels().of(h.key()), 100 * h.units() / total));
        }
        System.out.printf(Locale.ROOT, c + "hottest %s for %s: %s, %.1f %% of all %s units: %.0f %s/s at 1,000,000 emails an hour "
                        + "(%.1f %% x %.2f units per email x 277.8 emails/s; aim at most %.0f: %s); next: %s%n",
                items ? "item" : "partition key", writes ? "writes" : "reads", m.labels().of(hottest.key()), 100 * hottest.units() / total,
                writes ? "write" : "read", perSecond, writes ? "writes" : "reads", 100 * hottest.units() / total, total / m.emails(), limit,
                perSecond <= limit ? "met" : "not met", next.length() == 0 ? "none" : next);
    }

    private static CostTable costTable(Measured m) {
        double e = m.emails();
        DynamoDbUsage d = m.dynamoDb();
        MessagingUsage q = m.messaging();
        LambdaUsage l = m.lambda();
        return new CostTable()
                .line("DynamoDB write request units", d.writeUnits() / e, "WRU", CostTable.DYNAMODB_WRITE_UNIT, "$0.625 per million")
                .line("DynamoDB read request units", d.readUnits() / e, "RRU", CostTable.DYNAMODB_READ_UNIT, "$0.125 per million")
                .line("SQS requests with messages (functions' sends, pollers' receives and deletes)", (q.sqsRequests() - q.emptyReceives()) / e,
                        "requests", CostTable.SQS_REQUEST, "$0.40 per million")
                .line("SQS empty receives (idle polling: 1 s waits locally, 20 s in Lambda)", q.emptyReceives() / e, "requests",
                        CostTable.SQS_REQUEST, "$0.40 per million")
                .line("SNS publishes (platform events)", q.snsPublishRequests() / e, "requests", CostTable.SNS_PUBLISH, "$0.50 per million")
                .line("SNS publishes by SES (delivery notifications)", q.sesNotifications() / e, "requests", CostTable.SNS_PUBLISH, "$0.50 per million")
                .line("Lambda requests", l.invocations() / e, "invocations", CostTable.LAMBDA_REQUEST, "$0.20 per million")
                .line("Lambda duration (measured handler time x catalog memory, arm64)", l.gbSeconds() / e, "GB-s",
                        CostTable.LAMBDA_GB_SECOND_ARM, "$0.0000133334 per GB-s")
                .line("CloudWatch Logs ingestion (function logs and Lambda's lines)", (l.functionLogBytes() + l.platformLogBytes()) / e,
                        "bytes", CostTable.LOGS_INGESTED_GB / 1e9, "$0.50 per GB")
                .line("API Gateway HTTP API requests (the benchmark's calls)", m.apiRequests() / e, "requests", 1.00 / 1e6,
                        "$1.00 per million");
    }

    /**
     * Until the condition holds and every catalog queue is empty (nothing visible, delayed or in flight) twice in a
     * row; with {@code clock} set, moves the platform clock a minute whenever the pipeline is idle before then.
     * Answers how far the clock was moved. The queues are asked only once the condition holds, or with a clock to
     * move, once the outbound queue is empty: the asking is SQS requests too, and ElasticMQ's CPU is the pipeline's.
     */
    private static Duration awaitDone(LocalPlatform platform, FunctionCatalog catalog, long startNanos,
                                      java.util.function.BooleanSupplier done, Api clock) throws Exception {
        Duration advanced = Duration.ZERO;
        QueueSpec outbound = catalog.queues().stream().filter(q -> q.name().equals("outbound-messages")).findFirst().orElseThrow();
        int quiet = 0;
        while (true) {
            if (System.nanoTime() - startNanos > TIMEOUT.toNanos()) {
                throw new IllegalStateException("the pipeline did not finish within " + TIMEOUT + ": " + platform.mailSink().messages().size()
                        + " mails in the sink; clock moved " + advanced);
            }
            Thread.sleep(200);
            boolean finished = done.getAsBoolean();
            if (!finished && (clock == null || pending(platform, outbound) > 0)) {
                quiet = 0;
                continue;
            }
            boolean idle = catalog.queues().stream().mapToLong(queue -> pending(platform, queue)).sum() == 0;
            quiet = idle ? quiet + 1 : 0;
            if (quiet < 2) {
                continue;
            }
            if (finished) {
                return advanced;
            }
            clock.post("/_local/clock/advance", "{\"seconds\":" + CLOCK_STEP.toSeconds() + "}");
            advanced = advanced.plus(CLOCK_STEP);
            quiet = 0;
        }
    }

    private static long pending(LocalPlatform platform, QueueSpec queue) {
        Map<QueueAttributeName, String> attributes = platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl(queue.name()))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private static void verifiedDomain(Api api) throws Exception {
        api.post("/v1/domains", "{\"name\":\"bench.test\"}");
        api.post("/_local/dns/bench.test/publish", "");
        api.post("/v1/domains/bench.test/verify", "");
    }

    /** JSON calls with the bootstrap owner key; anything but 2xx (after waiting out a 429) stops the benchmark. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        private final LocalPlatform platform;
        /** Requests to the API proper (not the local controls), as API Gateway would bill them. */
        final LongAdder requests = new LongAdder();

        Api(LocalPlatform platform) {
            this.platform = platform;
        }

        Map<?, ?> post(String path, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(platform.url().resolve(path))
                    .header("Authorization", "Bearer " + platform.ownerApiKey().orElseThrow())
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            for (int attempt = 0; ; attempt++) {
                if (!path.startsWith("/_local/")) {
                    requests.increment();
                }
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(1000);
                    continue;
                }
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                }
                return Json.MAPPER.readValue(response.body(), Map.class);
            }
        }
    }
}
