package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.await;
import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as a person meets it: the whole local platform with the real catalog, platform events of twenty
 * sends (deliveries, opens, clicks, bounces, a complaint) published on the bus as the platform publishes them, then
 * headless Chromium (Debian's chromium, driven by playwright-core: src/test/browser/dashboard.mjs) opens
 * {@code /dashboard}, pastes a key that may only read analytics, and reads every tile. Each tile must show what
 * {@code GET /v1/analytics/kpis} answers for the same window; the desktop and phone screenshots are left in
 * target/screenshots. Without node or chromium it is skipped, unless PM_REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
class DashboardBrowserTest {

    private static final String AUTH = "Authorization";
    private static final Path BROWSER_SOURCE = Path.of("src", "test", "browser");
    private static final Path BROWSER_DIR = Path.of("target", "browser");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    private static final boolean REQUIRED = "1".equals(System.getenv("PM_REQUIRE_BROWSER"));
    private static final int MESSAGES = 20;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        requireThat(Files.isExecutable(Path.of(CHROMIUM)), "no Chromium at " + CHROMIUM + " (apt-get install -y chromium)");
        requireThat(runs(List.of("node", "--version"), Path.of("."), 30), "no node on the PATH");
        requireThat(installDriver(), "npm ci of playwright-core in " + BROWSER_DIR.toAbsolutePath() + " failed");
        // The real catalog with its subscriptions: the roll-up aggregator hears the events published below.
        platform = LocalPlatform.builder().port(0).catalog(FunctionCatalog.load()).start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theTilesShowWhatTheKpisApiAnswersOnADesktopAndOnAPhone() throws IOException {
        String owner = "Bearer " + platform.ownerApiKey().orElseThrow();
        String analyticsKey = createKey(owner, "{\"name\":\"dashboard\",\"scopes\":[\"analytics:read\"]}");
        publishTwentySends(platform.workspaceId().orElseThrow());
        // Every event counted, not just the sends: the aggregator may take them in several batches, and the page and
        // the API must read the same, settled numbers.
        Map<String, Long> fed = Map.of("sent", (long) MESSAGES, "delivered", 18L, "bouncedHard", 1L, "bouncedSoft", 1L,
                "opens", 10L, "uniqueOpens", 8L, "machineOpens", 1L, "clicks", 3L, "uniqueClicks", 3L, "complaints", 1L);
        foldedUntil("Bearer " + analyticsKey, fed);

        JsonNode shown = drive(analyticsKey);

        HttpResponse<String> forecast = get(platform, "/v1/analytics/forecast?metric=sent&horizon=14", AUTH, "Bearer " + analyticsKey);
        if (forecast.statusCode() == 200) {
            JsonNode history = json(forecast).path("history");
            assertThat(history.path("series")).as("one observed day per point").hasSize(history.path("points").asInt());
            double observed = 0;
            for (JsonNode day : history.path("series")) {
                observed += day.path("value").asDouble();
            }
            // The days before today that the model saw: as many sends as the KPIs count over the same days.
            JsonNode sentThen = json(get(platform, "/v1/analytics/kpis?granularity=day&from=" + encode(history.path("from").asText())
                    + "&to=" + encode(history.path("to").asText()), AUTH, "Bearer " + analyticsKey)).at("/totals/counts/sent");
            assertThat(observed).as("the forecast's history: %s", history).isEqualTo(sentThen.asDouble());
        }
        for (String viewport : List.of("desktop", "phone")) {
            JsonNode page = shown.path(viewport);
            assertThat(page.path("state").asText()).as("%s: %s", viewport, page.path("status").asText()).isEqualTo("ready");
            String from = page.at("/window/from").asText();
            String to = page.at("/window/to").asText();
            JsonNode api = json(get(platform, "/v1/analytics/kpis?granularity=day&from=" + encode(from) + "&to=" + encode(to),
                    AUTH, "Bearer " + analyticsKey));
            for (String count : List.of("sent", "delivered", "replies")) {
                assertThat(page.at("/tiles/" + count + "/value").asLong()).as("%s tile %s", viewport, count)
                        .isEqualTo(api.at("/totals/counts/" + count).asLong());
            }
            for (String rate : List.of("deliverability", "uniqueOpenRate", "uniqueClickRate", "bounceRate", "complaintRate")) {
                JsonNode expected = api.at("/totals/rates/" + rate + "/value");
                JsonNode tile = page.at("/tiles/" + rate + "/value");
                if (expected.isNull()) {
                    assertThat(tile.isNull()).as("%s tile %s has no value, as the API", viewport, rate).isTrue();
                } else {
                    assertThat(tile.asDouble()).as("%s tile %s", viewport, rate).isCloseTo(expected.asDouble(), within(1e-12));
                }
            }
            assertThat(page.at("/tiles/sent/text").asText()).isEqualTo(String.valueOf(MESSAGES));
            assertThat(page.at("/reputation/complaintRate/value").asDouble())
                    .isCloseTo(api.at("/totals/rates/complaintRate/value").asDouble(), within(1e-12));
            assertThat(page.path("horizontalOverflow").asBoolean()).as("%s needs no sideways scrolling", viewport).isFalse();
            // The forecast panel shows the API's forecast of the default metric, or says why there is none; never a script error.
            if (forecast.statusCode() == 200) {
                assertThat(page.path("forecastNote").asText()).as("%s forecast note", viewport).isEmpty();
                assertThat(page.path("forecastSummary").asText()).as("%s forecast summary", viewport).startsWith(json(forecast).path("model").asText())
                        .doesNotContain("undefined", "NaN", "null");
            } else {
                assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(422);
                assertThat(page.path("forecastNote").asText()).as("%s forecast note", viewport).startsWith("Not enough history to forecast sent");
            }
            assertThat(page.path("consoleErrors")).as("%s console errors", viewport).isEmpty();
            Path screenshot = Path.of(page.path("screenshot").asText());
            assertThat(screenshot).exists();
            assertThat(Files.size(screenshot)).as("a real picture").isGreaterThan(10_000);
        }
        // The twenty sends as fed: 18 delivered, one hard and one soft bounce, 8 unique openers, 3 unique clickers.
        // The API answers rates to six decimals; the tiles carry exactly what it answered (checked above).
        JsonNode desktop = shown.path("desktop");
        assertThat(desktop.at("/tiles/delivered/value").asLong()).isEqualTo(18);
        assertThat(desktop.at("/tiles/deliverability/value").asDouble()).isCloseTo(18.0 / 20, within(1e-6));
        assertThat(desktop.at("/tiles/bounceRate/value").asDouble()).isCloseTo(2.0 / 20, within(1e-6));
        assertThat(desktop.at("/tiles/uniqueOpenRate/value").asDouble()).isCloseTo(8.0 / 18, within(1e-6));
        assertThat(desktop.at("/tiles/uniqueClickRate/value").asDouble()).isCloseTo(3.0 / 18, within(1e-6));
        assertThat(desktop.at("/tiles/complaintRate/value").asDouble()).isCloseTo(1.0 / 20, within(1e-6));
    }

    /**
     * Twenty sends in campaign "spring", stamped minutes before the platform's now: 18 delivered, one hard and one
     * soft bounce; 8 readers open (two of them twice: 10 opens), a machine opens one more, 3 click, one complains.
     */
    private static void publishTwentySends(String workspaceId) {
        Instant now = platform.clock().instant();
        List<PlatformEvent> events = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String message = "msg_dash" + i;
            Instant sentAt = now.minusSeconds(1200 - 30L * i);
            events.add(event(EventType.MESSAGE_SENT, workspaceId, message, i, sentAt, sentAt, Map.of()));
            if (i == 18) {
                events.add(event(EventType.MESSAGE_BOUNCED, workspaceId, message, i, sentAt.plusSeconds(5), sentAt, Map.of("bounceType", "hard")));
                continue;
            }
            if (i == 19) {
                events.add(event(EventType.MESSAGE_BOUNCED, workspaceId, message, i, sentAt.plusSeconds(5), sentAt, Map.of("bounceType", "soft")));
                continue;
            }
            events.add(event(EventType.MESSAGE_DELIVERED, workspaceId, message, i, sentAt.plusSeconds(2), sentAt, Map.of()));
            if (i < 8) {
                events.add(event(EventType.MESSAGE_OPENED, workspaceId, message, i, sentAt.plusSeconds(60), sentAt, Map.of("unique", true)));
            }
            if (i < 2) {
                events.add(event(EventType.MESSAGE_OPENED, workspaceId, message, i, sentAt.plusSeconds(90), sentAt, Map.of("unique", false)));
            }
            if (i == 10) {
                events.add(event(EventType.MESSAGE_OPENED, workspaceId, message, i, sentAt.plusSeconds(3), sentAt, Map.of("machine", true)));
            }
            if (i < 3) {
                events.add(event(EventType.MESSAGE_CLICKED, workspaceId, message, i, sentAt.plusSeconds(120), sentAt,
                        Map.of("unique", true, "url", "https://example.org/spring")));
            }
            if (i == 5) {
                events.add(event(EventType.MESSAGE_COMPLAINED, workspaceId, message, i, sentAt.plusSeconds(300), sentAt, Map.of()));
            }
        }
        platform.eventPublisher().publish(events);
    }

    private static PlatformEvent event(EventType type, String workspaceId, String messageId, int recipient, Instant time, Instant sentAt,
                                       Map<String, Object> extra) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("messageId", messageId);
        data.put("recipient", "reader" + recipient + (recipient % 2 == 0 ? "@gmail.com" : "@outlook.com"));
        data.put("campaignId", "spring");
        data.putArray("tags").add("dashboard");
        data.put("resourceId", "ip_dashboard1");
        data.put("sendingDomain", "news.example.com");
        data.put("sentAt", sentAt.toString());
        if (type != EventType.MESSAGE_SENT) {
            data.put("deliveryEventId", type.wireName() + "-" + messageId + "-" + time.toEpochMilli());
        }
        extra.forEach((name, value) -> data.set(name, Json.MAPPER.valueToTree(value)));
        return PlatformEvent.builder(type).id(type.wireName() + "-" + messageId + "-" + time.toEpochMilli())
                .source("/penguinmails/test").time(time).subject(messageId).workspaceId(workspaceId)
                .correlationId("corr-" + messageId).data(data).build();
    }

    /**
     * Lets the aggregator drain the {@code rollups} queue, then moves the platform clock a minute on, which runs the
     * fold's schedule, until the KPIs count what was fed.
     */
    private static void foldedUntil(String authorization, Map<String, Long> fed) {
        JsonNode counts = null;
        for (int round = 0; round < 6; round++) {
            await(Duration.ofSeconds(30), "the rollups queue drained", () -> platform.sqs().getQueueAttributes(r -> r
                    .queueUrl(platform.queueUrl("rollups")).attributeNamesWithStrings("ApproximateNumberOfMessages",
                            "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream().allMatch("0"::equals));
            HttpResponse<String> moved = post(platform, "/_local/clock/advance", "{\"seconds\":61}", "Content-Type", "application/json");
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            HttpResponse<String> kpis = get(platform, "/v1/analytics/kpis", AUTH, authorization);
            assertThat(kpis.statusCode()).as("GET /v1/analytics/kpis: %s", kpis.body()).isEqualTo(200);
            counts = json(kpis).at("/totals/counts");
            JsonNode current = counts;
            if (fed.entrySet().stream().allMatch(e -> current.path(e.getKey()).asLong() == e.getValue())) {
                return;
            }
        }
        throw new AssertionError("the KPIs never counted what was fed " + fed + ": " + counts);
    }

    /** Runs dashboard.mjs against the platform and answers what it printed: per viewport, each tile's value and text. */
    private static JsonNode drive(String apiKey) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path log = BROWSER_DIR.resolve("dashboard.log");
        ProcessBuilder builder = new ProcessBuilder("node", "dashboard.mjs", platform.url().toString().replaceAll("/$", ""), apiKey,
                SCREENSHOTS.toAbsolutePath().toString())
                .directory(BROWSER_DIR.toFile()).redirectError(log.toFile());
        builder.environment().put("CHROMIUM_PATH", CHROMIUM);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("dashboard.mjs finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(process.exitValue()).as("dashboard.mjs: %s %s", out, Files.readString(log)).isZero();
        String[] lines = out.strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    /** Copies the driver beside its own node_modules in target/browser; npm ci only when playwright-core is not there yet. */
    private static boolean installDriver() {
        try {
            Files.createDirectories(BROWSER_DIR);
            for (String file : List.of("package.json", "package-lock.json", "dashboard.mjs")) {
                Files.copy(BROWSER_SOURCE.resolve(file), BROWSER_DIR.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Files.exists(BROWSER_DIR.resolve("node_modules/playwright-core/package.json"))
                || runs(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), BROWSER_DIR, 300);
    }

    private static boolean runs(List<String> command, Path directory, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the test where the machine lacks what it needs, unless PM_REQUIRE_BROWSER=1 asks for it to fail instead. */
    private static void requireThat(boolean condition, String missing) {
        if (REQUIRED) {
            assertThat(condition).as(missing + " (PM_REQUIRE_BROWSER=1)").isTrue();
        } else {
            Assumptions.assumeTrue(condition, missing + "; skipped (PM_REQUIRE_BROWSER=1 makes it fail)");
        }
    }

    private static String createKey(String owner, String body) {
        HttpResponse<String> created = post(platform, "/v1/api-keys", body, AUTH, owner, "Content-Type", "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("secret").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
