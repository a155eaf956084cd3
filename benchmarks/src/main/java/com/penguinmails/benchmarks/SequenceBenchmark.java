package com.penguinmails.benchmarks;

import com.penguinmails.campaigns.contacts.ContactBatch;
import com.penguinmails.campaigns.outreach.CampaignService;
import com.penguinmails.campaigns.outreach.Sequencer;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.local.LocalPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What a campaign costs in DynamoDB beyond sending its mail: 500 contacts saved in batches of 100, a two-step
 * campaign launched (each contact enrolled and put on the calendar), then the sequencer sending step 1 and, a day
 * later on the platform clock, the threaded step 2. The campaign's own tables are the benchmark's, so the platform's
 * scheduled sequencer never sees them; its emails go to a queue no sender reads, because what sending an email costs
 * from there on is {@code bin/benchmarks sending}'s figure. Units are counted at DynamoDB's billing floors.
 */
final class SequenceBenchmark {

    private static final int CONTACTS = 500;
    private static final List<String> OWN_TABLES = List.of("contacts", "campaigns", "enrollments", "sequence-due", "activity");

    void run() throws Exception {
        FunctionCatalog catalog = FunctionCatalog.load();
        try (LocalPlatform platform = LocalPlatform.builder().port(0).catalog(catalog).start()) {
            String owner = "Bearer " + platform.ownerApiKey().orElseThrow();
            call(platform, owner, "POST", "/v1/domains", "{\"name\":\"seqbench.test\"}");
            call(platform, owner, "POST", "/_local/dns/seqbench.test/publish", "");
            call(platform, owner, "POST", "/v1/domains/seqbench.test/verify", "");
            String ip = Json.MAPPER.readTree(call(platform, owner, "POST", "/v1/ips", "{\"address\":\"198.51.100.99\",\"warmupSteps\":[100000]}"))
                    .path("id").asText();
            String pool = Json.MAPPER.readTree(call(platform, owner, "POST", "/v1/ip-pools",
                    "{\"name\":\"bench\",\"ips\":[{\"ipId\":\"" + ip + "\",\"weight\":1}]}")).path("id").asText();
            String workspace = Json.MAPPER.readTree(call(platform, owner, "GET", "/v1/workspace", null)).path("id").asText();
            Platform wired = wired(platform, catalog);
            Caller caller = new Caller(new Principal(workspace, "key_bench", "apikey:key_bench", List.of("full"), 100), "127.0.0.1");

            DynamoDbUsage saved = metered(platform, catalog, () -> {
                for (int i = 0; i < CONTACTS; i += 100) {
                    StringBuilder body = new StringBuilder("{\"contacts\":[");
                    for (int c = i; c < i + 100; c++) {
                        body.append(c == i ? "" : ",").append("{\"email\":\"lead").append(c).append("@example.org\",\"firstName\":\"Lead")
                                .append(c).append("\",\"tags\":[\"bench\"],\"fields\":{\"plan\":\"pro\"}}");
                    }
                    ContactBatch batch = CampaignsWiring.contacts(wired).save(workspace, read(body + "]}"));
                    if (batch.created() != 100) {
                        throw new IllegalStateException("saved " + batch.created() + " of 100 contacts");
                    }
                }
            });
            report("contacts saved (batches of 100)", saved, CONTACTS, "contact");

            AtomicReference<String> campaignId = new AtomicReference<>();
            CampaignService campaigns = CampaignsWiring.campaigns(wired);
            campaignId.set(campaigns.create(caller, read("""
                    {"name": "bench", "audience": {"tags": ["bench"]}, "sending": {"ipPool": "%s", "from": "sam@seqbench.test"},
                     "schedule": {"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"},
                     "steps": [{"variants": [{"subject": "Hi {{firstName}}", "text": "One"}, {"subject": "Hey {{firstName}}", "text": "Uno"}]},
                               {"delayDays": 1, "variants": [{"text": "Two"}]}]}""".formatted(pool))).id());
            DynamoDbUsage launched = metered(platform, catalog, () -> {
                CampaignService.Launch launch = campaigns.launch(caller, campaignId.get());
                if (launch.enrolled() != CONTACTS) {
                    throw new IllegalStateException("enrolled " + launch.enrolled());
                }
            });
            report("launch (enroll and calendar)", launched, CONTACTS, "contact");

            Sequencer sequencer = CampaignsWiring.sequencer(wired);
            DynamoDbUsage first = metered(platform, catalog, () -> expectSent(sequencer.run(), CONTACTS));
            report("sequencer, step 1", first, CONTACTS, "email");

            call(platform, owner, "POST", "/_local/clock/advance", "{\"seconds\":" + Duration.ofDays(1).plusMinutes(1).toSeconds() + "}");
            DynamoDbUsage second = metered(platform, catalog, () -> expectSent(sequencer.run(), CONTACTS));
            report("sequencer, step 2 (threaded)", second, CONTACTS, "email");
            double perEmail = (first.writeUnits() + first.readUnits() + second.writeUnits() + second.readUnits()) / (2.0 * CONTACTS);
            double perEmailWithLaunch = perEmail + (launched.writeUnits() + launched.readUnits()) / (2.0 * CONTACTS);
            double dollars = ((first.writeUnits() + second.writeUnits() + launched.writeUnits()) * CostTable.DYNAMODB_WRITE_UNIT
                    + (first.readUnits() + second.readUnits() + launched.readUnits()) * CostTable.DYNAMODB_READ_UNIT) / (2.0 * CONTACTS) * 1e6;
            System.out.printf(Locale.ROOT, "campaigns: %.2f DynamoDB units per campaign email for the sequence (%.2f with the launch spread over"
                    + " a two-step sequence), $%.2f per million campaign emails on demand, on top of sending's own units per email%n",
                    perEmail, perEmailWithLaunch, dollars);
        }
    }

    private static void expectSent(Sequencer.Summary summary, int expected) {
        if (summary.sent() != expected || summary.failed() > 0) {
            throw new IllegalStateException("the sequencer sent " + summary.sent() + " of " + expected + ", " + summary.failed() + " failed");
        }
    }

    private static void report(String what, DynamoDbUsage usage, int count, String unit) {
        System.out.printf(Locale.ROOT, "campaigns, %s: %d %ss, %.3f write units and %.3f read units per %s (%d write and %d read requests)%n  %s%n",
                what, count, unit, usage.writeUnits() / count, usage.readUnits() / count, unit, usage.writeRequests(), usage.readRequests(),
                usage.breakdown(count).replace("\n", "\n  "));
    }

    private static DynamoDbUsage metered(LocalPlatform platform, FunctionCatalog catalog, Runnable work) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        DynamoDbUsage usage = RollupBenchmark.meter(platform, catalog);
        RollupBenchmark.asFunction(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        MeteringInterceptor.stop();
        if (failure.get() != null) {
            throw failure.get();
        }
        return usage;
    }

    /**
     * The platform's tables, except the campaign tables (copies of their own, so the platform's scheduled sequencer
     * finds nothing), and an outbound queue of its own that no sender polls.
     */
    private static Platform wired(LocalPlatform platform, FunctionCatalog catalog) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (TableSpec table : catalog.tables()) {
            String name = platform.tableName(table.name());
            if (OWN_TABLES.contains(table.name())) {
                name = name + "-bench";
                create(platform, table, name);
            }
            environment.put(ResourceNames.tableVariable(table.name()), name);
        }
        String queue = platform.sqs().createQueue(r -> r.queueName("pm-sequence-bench-outbound")).queueUrl();
        environment.put("PM_QUEUE_URL_OUTBOUND_MESSAGES", queue);
        return Platform.create(environment, platform.dynamoDb(), platform.sqs(), platform.clock());
    }

    private static void create(LocalPlatform platform, TableSpec table, String name) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder().attributeName(table.partitionKey()).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder().attributeName(table.partitionKey())
                .attributeType(ScalarAttributeType.S).build()));
        if (table.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(table.sortKey()).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(table.sortKey()).attributeType(ScalarAttributeType.S).build());
        }
        platform.dynamoDb().createTable(r -> r.tableName(name).keySchema(keys).attributeDefinitions(attributes).billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String call(LocalPlatform platform, String auth, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url() + path)).timeout(Duration.ofMinutes(3))
                .header("Authorization", auth).header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
