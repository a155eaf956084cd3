package com.penguinmails.benchmarks;

import com.penguinmails.core.platform.Json;
import com.penguinmails.local.LocalPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sending pipeline end to end on the local platform: {@value #EMAILS} emails in batches of 1,000 through
 * {@code POST /v1/messages/batch}, the sender (claim, cap, SMTP to the sink), the simulated SES delivery event and
 * the ingest. Prints DynamoDB capacity units per email (from ReturnConsumedCapacity on every call the functions
 * make, from the first API call until the last delivery event is applied) and emails per second.
 */
final class SendingBenchmark {

    static final int EMAILS = Integer.getInteger("penguinmails.benchmarks.emails", 10_000);
    private static final int BATCH = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    void run() throws Exception {
        ConsumedCapacityMeter meter = new ConsumedCapacityMeter();
        try (LocalPlatform platform = LocalPlatform.builder().port(0).bootstrap(true).dynamoDbInterceptor(meter).start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Api api = new Api(http, platform);
            api.post("/v1/domains", "{\"name\":\"bench.test\"}");
            api.post("/_local/dns/bench.test/publish", "");
            api.post("/v1/domains/bench.test/verify", "");
            String ip = api.post("/v1/ips", "{\"address\":\"198.51.100.77\",\"warmupSteps\":[" + (EMAILS * 2) + "]}").get("id").toString();
            String pool = api.post("/v1/ip-pools", "{\"name\":\"bench\",\"ips\":[{\"ipId\":\"" + ip + "\",\"weight\":1}]}").get("id").toString();

            meter.reset();
            long start = System.nanoTime();
            for (int sent = 0; sent < EMAILS; sent += BATCH) {
                StringBuilder recipients = new StringBuilder();
                for (int i = sent; i < Math.min(EMAILS, sent + BATCH); i++) {
                    recipients.append(recipients.length() == 0 ? "" : ",").append("{\"to\":\"reader").append(i)
                            .append("@example.org\",\"variables\":{\"name\":\"Reader ").append(i).append("\"}}");
                }
                api.post("/v1/messages/batch", "{\"from\":\"news@bench.test\",\"subject\":\"Hello {{name}}\","
                        + "\"html\":\"<p>Hi {{name}}, here is the news.</p>\",\"text\":\"Hi {{name}}\",\"ipPool\":\"" + pool
                        + "\",\"recipients\":[" + recipients + "]}");
            }
            double acceptSeconds = (System.nanoTime() - start) / 1e9;
            awaitDrained(platform, start);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            int inSink = platform.mailSink().messages().size();
            System.out.printf(Locale.ROOT, "sending: %d emails accepted in %.1f s (%.0f/s through the API); %d in the SMTP sink and every "
                            + "delivery event applied after %.1f s: %.0f emails/s end to end%n",
                    EMAILS, acceptSeconds, EMAILS / acceptSeconds, inSink, totalSeconds, inSink / totalSeconds);
            System.out.printf(Locale.ROOT, "sending: DynamoDB %.2f capacity units per email (read %.2f + write %.2f; %d calls, %d failed "
                            + "conditional writes counted as 1 WCU each; aim at most 6)%n",
                    (meter.read() + meter.write()) / EMAILS, meter.read() / EMAILS, meter.write() / EMAILS, meter.calls(),
                    meter.failedConditions());
            System.out.println("sending: units per email by call: " + meter.breakdown(EMAILS));
        }
    }

    /** Until both queues are empty (nothing visible, nothing in flight) twice in a row, a second apart. */
    private static void awaitDrained(LocalPlatform platform, long startNanos) throws InterruptedException {
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() - startNanos > TIMEOUT.toNanos()) {
                throw new IllegalStateException("the pipeline did not drain within " + TIMEOUT);
            }
            Thread.sleep(1000);
            quiet = pending(platform, "outbound-messages") + pending(platform, "delivery-events") == 0 ? quiet + 1 : 0;
        }
    }

    private static int pending(LocalPlatform platform, String queue) {
        Map<QueueAttributeName, String> attributes = platform.sqs().getQueueAttributes(r -> r.queueUrl(platform.queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** JSON calls with the bootstrap owner key; anything but 2xx stops the benchmark with the answer. */
    private record Api(HttpClient http, LocalPlatform platform) {
        Map<?, ?> post(String path, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(platform.url().resolve(path))
                    .header("Authorization", "Bearer " + platform.ownerApiKey().orElseThrow())
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readValue(response.body(), Map.class);
        }
    }
}
