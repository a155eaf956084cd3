package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.HttpRoute;
import com.penguinmails.core.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every route of the catalog, as generated requests against the whole local platform: malformed JSON,
 * trailing content, wrong JSON types for every field the OpenAPI document describes (nested ones too), nulls inside
 * arrays and maps, arrays for objects, unknown fields, huge strings and numbers, control and non-ASCII characters,
 * foreign cursors and odd query values, over-long, {@code %00} and {@code ../} path ids. The routes come from the
 * catalog and the fields from openapi.yaml (OpenApiContractTest keeps the two identical), so a new route is fuzzed
 * without touching this test. Whatever comes back must be a 4xx {@code application/problem+json}; a 2xx only where
 * the input may legitimately be valid (odd but well-typed strings and numbers, unknown query parameters).
 * Generation is seeded, so every run sends the same requests.
 */
class RouteFuzzTest {

    private static final long SEED = 20_261_202L;
    /** Bounds the run (about 760 requests today, values per field sampled with the seed): past it, cases are sampled too. */
    private static final int MAX_REQUESTS = 4_000;
    private static final int THREADS = 4;
    private static final String MARK = "@@fuzz@@";
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static LocalPlatform platform;
    private static String fuzzKey;
    /** Ids of real resources, so requests get past "no such resource" to the checks and stores behind it. */
    private static final Map<String, String> live = new HashMap<>();

    /** What an answer may be. */
    enum Expect { REJECTED, NOT_FOUND, NO_SERVER_ERROR }

    /**
     * One request. {@code documented}: 4xx statuses the route's OpenAPI operation describes with a body of its own
     * (a batch with no recipient accepted answers 422 with the per-recipient results, not a problem).
     */
    record Case(String routeKey, String what, String method, String path, String query, String contentType, String body, Expect expect,
                List<Integer> documented) {
        String describe() {
            String shownBody = body == null ? "" : " " + (body.length() > 160 ? body.substring(0, 160) + "...(" + body.length() + " chars)" : body);
            String shownPath = path.length() > 120 ? path.substring(0, 120) + "...(" + path.length() + " chars)" : path;
            String shownQuery = query.isEmpty() ? "" : "?" + (query.length() > 120 ? query.substring(0, 120) + "..." : query);
            return routeKey + " [" + what + "] " + method + " " + shownPath + shownQuery + shownBody;
        }
    }

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        String owner = "Bearer " + platform.ownerApiKey().orElseThrow();
        // A key of its own with room for the whole run: the default 100 requests/second would answer 429s instead.
        fuzzKey = created(post(platform, "/v1/api-keys", "{\"name\":\"fuzz\",\"scopes\":[\"full\"],\"rateLimitPerSecond\":10000}",
                "Authorization", owner, "Content-Type", "application/json")).path("secret").asText();
        String auth = "Bearer " + fuzzKey;
        live.put("api-keys", created(post(platform, "/v1/api-keys", "{\"name\":\"rotated by the fuzzer\",\"scopes\":[\"messages:send\"]}",
                "Authorization", auth, "Content-Type", "application/json")).path("id").asText());
        TestPlatforms.verifiedDomain(platform, auth, "fuzz.test");
        live.put("domains", "fuzz.test");
        live.put("ips", created(post(platform, "/v1/ips", "{\"address\":\"198.51.100.77\",\"warmupSteps\":[1000]}",
                "Authorization", auth, "Content-Type", "application/json")).path("id").asText());
        live.put("ip-pools", created(post(platform, "/v1/ip-pools", "{\"name\":\"fuzz\",\"ips\":[{\"ipId\":\"" + live.get("ips") + "\",\"weight\":1}]}",
                "Authorization", auth, "Content-Type", "application/json")).path("id").asText());
        live.put("mailboxes", created(post(platform, "/v1/mailboxes", "{\"email\":\"box@fuzz.test\",\"smtp\":{\"host\":\"127.0.0.1\",\"port\":"
                + platform.mailSink().smtpPort() + ",\"username\":\"box\",\"password\":\"pw\",\"tls\":false}}",
                "Authorization", auth, "Content-Type", "application/json")).path("id").asText());
        live.put("suppressions", "nobody@fuzz.test");
        live.put("contacts", saved(post(platform, "/v1/contacts", "{\"email\":\"ann@fuzz.test\",\"firstName\":\"Ann\",\"tags\":[\"fuzz\"]}",
                "Authorization", auth, "Content-Type", "application/json")).path("results").get(0).path("contactId").asText());
        live.put("campaigns", created(post(platform, "/v1/campaigns", "{\"name\":\"fuzz\",\"audience\":{\"tags\":[\"fuzz\"]},"
                + "\"sending\":{\"ipPool\":\"" + live.get("ip-pools") + "\",\"from\":\"ann@fuzz.test\"},"
                + "\"steps\":[{\"variants\":[{\"subject\":\"Hi {{firstName}}\",\"text\":\"Hello\"}]}]}",
                "Authorization", auth, "Content-Type", "application/json")).path("id").asText());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyRouteAnswersBadInputWithA4xxProblemNeverA5xx() throws Exception {
        List<HttpRoute> routes = FunctionCatalog.load().routes().stream().map(FunctionCatalog.BoundRoute::route).toList();
        List<Case> cases = new Generator(openApi(), new Random(SEED)).cases(routes);
        assertThat(cases.size()).isBetween(routes.size(), MAX_REQUESTS);

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Case c : cases) {
                running.add(pool.submit(() -> check(c, failures)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("RouteFuzzTest sent " + cases.size() + " requests over " + routes.size() + " routes");
        assertThat(failures).as("%d of %d generated requests", failures.size(), cases.size()).isEmpty();
    }

    // The cases issue 8 found, one by one (each failed before its fix: a 500, or a 2xx for input the README refuses).

    @Test
    void pathIdsThatCannotBeOursAre404BeforeAnyStoreIsAsked() {
        String huge = "x".repeat(3000);
        for (String[] request : List.of(new String[] {"GET", "/v1/api-keys/" + huge}, new String[] {"POST", "/v1/api-keys/" + huge + "/rotate"},
                new String[] {"DELETE", "/v1/api-keys/" + huge}, new String[] {"GET", "/v1/domains/" + huge},
                new String[] {"POST", "/v1/domains/" + huge + "/verify"}, new String[] {"DELETE", "/v1/suppressions/" + huge},
                new String[] {"GET", "/v1/messages/" + huge}, new String[] {"GET", "/v1/ips/" + huge}, new String[] {"POST", "/v1/ips/" + huge + "/pause"},
                new String[] {"GET", "/v1/ip-pools/" + huge}, new String[] {"GET", "/v1/mailboxes/" + huge + "/warmup"},
                new String[] {"GET", "/v1/messages/msg_%00"}, new String[] {"GET", "/v1/ips/..%2F..%2Fapi-keys"})) {
            HttpResponse<String> response = call(request[0], request[1], null);
            assertProblem(response, 404, null);
        }
    }

    @Test
    void idsInBodiesAndQueriesThatCannotBeOursAre400NamingTheField() {
        String huge = "p".repeat(10_000);
        assertProblem(call("POST", "/v1/messages", send("\"ipPool\":\"" + huge + "\"")), 400, "ipPool");
        assertProblem(call("POST", "/v1/messages", send("\"mailbox\":\"" + huge + "\"")), 400, "mailbox");
        assertProblem(call("POST", "/v1/messages", send("\"campaignId\":\"" + huge + "\"")), 400, "campaignId");
        assertProblem(call("POST", "/v1/ip-pools", "{\"name\":\"p\",\"ips\":[{\"ipId\":\"" + huge + "\",\"weight\":1}]}"), 400, "ips[0].ipId");
        assertProblem(call("GET", "/v1/messages?campaignId=" + huge, null), 400, "campaignId");
        assertProblem(call("DELETE", "/v1/suppressions/nobody@fuzz.test?scope=" + huge, null), 400, "scope");
    }

    @Test
    void nullsInsideArraysAndMapsAre400NamingTheEntry() {
        assertProblem(call("POST", "/v1/ip-pools", "{\"name\":\"p\",\"ips\":[null]}"), 400, "ips[0]");
        assertProblem(call("POST", "/v1/messages", send("\"variables\":{\"name\":null}")), 400, "variables.name");
        assertProblem(call("POST", "/v1/messages", send("\"tags\":[\"a\",null]")), 400, "tags[1]");
        assertProblem(call("POST", "/v1/messages/batch", "{\"from\":\"news@fuzz.test\",\"subject\":\"s\",\"text\":\"t\",\"ipPool\":\""
                + live.get("ip-pools") + "\",\"recipients\":[null]}"), 400, "recipients[0]");
        assertProblem(call("POST", "/v1/messages/batch", "{\"from\":\"news@fuzz.test\",\"subject\":\"s\",\"text\":\"t\",\"ipPool\":\""
                + live.get("ip-pools") + "\",\"recipients\":[{\"to\":\"a@b.test\",\"variables\":{\"x\":null}}],\"tags\":[null]}"), 400, null);
    }

    @Test
    void aBlankReasonResumesAnIpAsItResumesAMailboxAndPausesNeither() {
        for (String resource : List.of("/v1/ips/" + live.get("ips"), "/v1/mailboxes/" + live.get("mailboxes"))) {
            assertProblem(call("POST", resource + "/pause", "{\"reason\":\"\"}"), 400, "reason");
            HttpResponse<String> resumed = call("POST", resource + "/resume", "{\"reason\":\"\"}");
            assertThat(resumed.statusCode()).as(resource + ": " + resumed.body()).isEqualTo(200);
            assertThat(json(resumed).path("status").asText()).isNotEqualTo("paused");
        }
    }

    @Test
    void aCursorThatIsNotOursIsA400OnEveryList() {
        String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString("v1:zzz".getBytes(StandardCharsets.UTF_8));
        for (String list : List.of("/v1/audit-events", "/v1/api-keys", "/v1/domains", "/v1/suppressions", "/v1/messages")) {
            assertProblem(call("GET", list + "?cursor=" + foreign, null), 400, "cursor");
        }
        String auditCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("v1:0000000000001#evt_x".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> outsideTheRange = call("GET", "/v1/audit-events?from=2020-01-01T00:00:00Z&cursor=" + auditCursor, null);
        assertThat(outsideTheRange.statusCode()).as(outsideTheRange.body()).isEqualTo(200);
        assertThat(json(outsideTheRange).path("data")).as("nothing is older than the year 1970").isEmpty();
    }

    @Test
    void bodiesAreParsedStrictlyOverHttp() {
        assertProblem(call("POST", "/v1/domains", "{\"name\":\"strict.test\"} xyz"), 400, null);
        assertProblem(call("POST", "/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"messages:send\"],\"expiresAt\":\"\"}"), 400, "expiresAt");
        assertProblem(call("POST", "/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"messages:send\"],\"rateLimitPerSecond\":\"5\"}"), 400,
                "rateLimitPerSecond");
        assertProblem(call("POST", "/v1/api-keys/" + live.get("api-keys") + "/rotate", "{\"gracePeriodSeconds\":1.5}"), 400, "gracePeriodSeconds");
        assertProblem(call("POST", "/v1/ips", "{\"address\":\"198.51.100.78\",\"warmupSteps\":[\"5\"]}"), 400, "warmupSteps[0]");
        assertProblem(call("POST", "/v1/ip-pools", "{\"name\":\"p\",\"ips\":[{\"ipId\":\"" + live.get("ips") + "\",\"weight\":\"5\"}]}"), 400,
                "ips[0].weight");
        assertProblem(call("POST", "/v1/messages", send("\"sendAt\":\"\"")), 400, "sendAt");
        assertProblem(call("POST", "/v1/messages", send("\"sendAt\":\"+999999999-12-31T23:59:59Z\"")), 400, "sendAt");
        assertProblem(call("POST", "/v1/messages", send("\"trackOpens\":1")), 400, "trackOpens");
        assertProblem(call("POST", "/v1/messages", send("\"trackOpens\":\"\"")), 400, "trackOpens");
        assertProblem(call("POST", "/v1/ips/" + live.get("ips") + "/pause", "{\"reason\":5}"), 400, "reason");
        HttpResponse<String> nul = TestPlatforms.send(TestPlatforms.request(platform, "/v1/workspaces", "Authorization", "Bearer " + platform.operatorKey(),
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"Nul\",\"owner\":{\"email\":\"a\\u0000b@x.test\"}}")).build());
        assertProblem(nul, 400, "owner.email");
    }

    /** A single send that passes every check, with {@code extra} fields added (through the live pool unless they name another). */
    private static String send(String extra) {
        String through = extra.contains("\"ipPool\"") || extra.contains("\"mailbox\"") ? "" : "\"ipPool\":\"" + live.get("ip-pools") + "\",";
        return "{\"from\":\"news@fuzz.test\",\"to\":\"ada@example.org\",\"subject\":\"Hi\",\"text\":\"Hello\"," + through + extra + "}";
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        HttpRequest.Builder builder = TestPlatforms.request(platform, path, "Authorization", "Bearer " + fuzzKey);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return TestPlatforms.send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        String shown = response.request().method() + " " + (response.uri().toString().length() > 150
                ? response.uri().toString().substring(0, 150) + "..." : response.uri()) + " -> " + response.body();
        assertThat(response.statusCode()).as(shown).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).as(shown).startsWith("application/problem+json");
        if (field != null) {
            assertThat(json(response).path("field").asText()).as(shown).isEqualTo(field);
        }
    }

    private static void check(Case c, List<String> failures) {
        HttpResponse<String> response;
        try {
            response = TestPlatforms.send(request(c));
        } catch (RuntimeException e) {
            failures.add(c.describe() + " -> no answer: " + e);
            return;
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse("");
        boolean problem = contentType.startsWith("application/problem+json")
                || c.documented().contains(status) && contentType.startsWith("application/json");
        boolean ok = switch (c.expect()) {
            case REJECTED -> status >= 400 && status < 500 && problem;
            case NOT_FOUND -> status == 404 && problem;
            case NO_SERVER_ERROR -> status < 400 || status < 500 && problem;
        };
        if (!ok) {
            String body = response.body().length() > 300 ? response.body().substring(0, 300) + "..." : response.body();
            failures.add(c.describe() + " -> " + status + " " + contentType + " " + body);
        }
    }

    private static HttpRequest request(Case c) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(platform.url() + c.path() + (c.query().isEmpty() ? "" : "?" + c.query())))
                .timeout(Duration.ofSeconds(30));
        if (!c.routeKey().startsWith("GET /t/") && !c.routeKey().startsWith("POST /t/")) {
            builder.header("Authorization", "Bearer " + (c.routeKey().equals("POST /v1/workspaces") ? platform.operatorKey() : fuzzKey));
        }
        if (c.contentType() != null) {
            builder.header("Content-Type", c.contentType());
        }
        return builder.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body())).build();
    }

    private static JsonNode saved(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** The catalog module's openapi.yaml (this module's test resources have a small one of their own). */
    private static JsonNode openApi() {
        try {
            for (java.net.URL url : Collections.list(RouteFuzzTest.class.getClassLoader().getResources("penguinmails/openapi.yaml"))) {
                if (url.toString().contains("catalog")) {
                    try (InputStream in = url.openStream()) {
                        return new ObjectMapper(new YAMLFactory()).readTree(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no openapi.yaml of the catalog module on the class path");
    }

    /** Turns each route's OpenAPI operation into bad requests. */
    private static final class Generator {

        /**
         * Optional fields filled in anyway, so that a bad value elsewhere gets past the checks in front of it (a send
         * needs a body and a sender) to the code and stores behind them.
         */
        private static final Map<String, String> ALWAYS_GIVEN = Map.of("text", "Hello", "ipPool", "ip-pools", "ipId", "ips");
        /** Giving the first drops the second, which must not be given with it. */
        private static final Map<String, String> INSTEAD_OF = Map.of("mailbox", "ipPool");

        private final JsonNode document;
        private final Random random;

        Generator(JsonNode document, Random random) {
            this.document = document;
            this.random = random;
        }

        List<Case> cases(List<HttpRoute> routes) {
            List<Case> cases = new ArrayList<>();
            for (HttpRoute route : routes) {
                JsonNode operation = document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
                assertThat(operation.isMissingNode()).as("openapi.yaml describes %s", route.routeKey()).isFalse();
                cases.addAll(forRoute(route, operation));
            }
            if (cases.size() > MAX_REQUESTS) {
                Collections.shuffle(cases, random);
                return List.copyOf(cases.subList(0, MAX_REQUESTS));
            }
            return cases;
        }

        private List<Integer> documented;

        private Case c(String routeKey, String what, String method, String path, String query, String contentType, String body, Expect expect) {
            return new Case(routeKey, what, method, path, query, contentType, body, expect, documented);
        }

        private List<Case> forRoute(HttpRoute route, JsonNode operation) {
            List<Case> cases = new ArrayList<>();
            documented = new ArrayList<>();
            operation.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().matches("4\\d\\d") && resolve(r.getValue()).path("content").has("application/json")) {
                    documented.add(Integer.parseInt(r.getKey()));
                }
            });
            String path = livePath(route.path(), null, null);
            JsonNode content = resolve(operation.path("requestBody")).path("content");
            JsonNode jsonSchema = content.has("application/json") ? resolve(content.path("application/json").path("schema")) : null;
            if (jsonSchema != null && jsonSchema.has("oneOf")) {
                jsonSchema = resolve(jsonSchema.path("oneOf").get(0)); // one shape or another: fuzz the first
            }
            String baseBody = jsonSchema == null ? null : write(valid(jsonSchema, null));
            String baseType = baseBody == null ? null : "application/json";
            if (content.has("text/csv")) {
                baseBody = "email,reason\nfuzzed@fuzz.test,manual\n";
                baseType = "text/csv";
            }
            final String body = baseBody;
            final String type = baseType;

            Matcher parameters = PARAMETER.matcher(route.path());
            while (parameters.find()) {
                String name = parameters.group(1);
                for (String bad : sample(badPathIds(), 3, 2)) {
                    cases.add(c(route.routeKey(), "path " + name, route.method(), livePath(route.path(), name, bad), "", type, body, Expect.NOT_FOUND));
                }
            }

            cases.add(c(route.routeKey(), "unknown query parameter", route.method(), path, "zzUnknown=1&" + "q".repeat(3) + "=%00",
                    type, body, Expect.NO_SERVER_ERROR));
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode p = resolve(parameter);
                if ("query".equals(p.path("in").asText())) {
                    for (Map.Entry<String, Expect> value : sample(badQueryValues(p), 2, 1, 1, 1).entrySet()) {
                        cases.add(c(route.routeKey(), "query " + p.path("name").asText(), route.method(), path,
                                p.path("name").asText() + "=" + value.getKey(), type, body, value.getValue()));
                    }
                }
            }

            if (jsonSchema != null) {
                for (Map.Entry<String, Expect> whole : sample(wholeBodies(body), 4, 3, 1, 1).entrySet()) {
                    cases.add(c(route.routeKey(), "body", route.method(), path, "", "application/json", whole.getKey(), whole.getValue()));
                }
                cases.add(c(route.routeKey(), "not JSON", route.method(), path, "", "text/plain", body, Expect.REJECTED));
                ObjectNode base = (ObjectNode) valid(jsonSchema, null);
                for (FieldPath field : fields(jsonSchema, List.of(), 0)) {
                    for (Map.Entry<String, Expect> value : sample(badValues(field.schema()), 2, 1, 1, 1).entrySet()) {
                        cases.add(c(route.routeKey(), "field " + field, route.method(), path, "", "application/json",
                                withValue(base, jsonSchema, field, value.getKey()), value.getValue()));
                    }
                }
            }
            if ("text/csv".equals(type)) {
                for (String csv : sample(badCsv(), 2, 2)) {
                    cases.add(c(route.routeKey(), "csv", route.method(), path, "", "text/csv", csv, Expect.NO_SERVER_ERROR));
                }
                cases.add(c(route.routeKey(), "JSON for CSV", route.method(), path, "", "application/json", "{\"email\":\"a@b.test\"}", Expect.REJECTED));
            }
            return cases;
        }

        /** The route's path with real ids in it, and {@code bad} (already URL-encoded) in place of {@code parameter}. */
        private static String livePath(String template, String parameter, String bad) {
            String[] segments = template.split("/", -1);
            StringBuilder path = new StringBuilder();
            for (int i = 1; i < segments.length; i++) {
                Matcher m = PARAMETER.matcher(segments[i]);
                String segment = segments[i];
                if (m.matches()) {
                    segment = m.group(1).equals(parameter) ? bad : encode(live.getOrDefault(segments[i - 1], "nothing-here"));
                }
                path.append('/').append(segment);
            }
            return path.toString();
        }

        private static List<String> badPathIds() {
            return List.of("x".repeat(3000), "%00", "..", "key_" + "A".repeat(3000), "a%00b", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2F",
                    "%01%02", "%C3%A9t%C3%A9", "%F0%9F%90%A7", "%20", "a%22b%27c%3Cd", "ws_Q8c1Lr0b2Zt7Yh3Kd9Wm");
        }

        private Map<String, Expect> badQueryValues(JsonNode parameter) {
            Map<String, Expect> values = new LinkedHashMap<>();
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            String type = type(schema);
            if ("cursor".equals(name)) {
                for (String position : List.of("zzz", "x".repeat(3000), "\u0000", "key_" + "A".repeat(2000), "../..")) {
                    values.put(cursor("v1:" + position), Expect.REJECTED);
                }
                // Well-shaped, from the year 2286: newest first, the same as no cursor.
                values.put(cursor("v1:9999999999999#evt_x"), Expect.NO_SERVER_ERROR);
                values.put(cursor("v2:abc"), Expect.REJECTED);
                values.put("!!!not-base64", Expect.REJECTED);
                values.put("%00", Expect.REJECTED);
                return values;
            }
            if ("integer".equals(type)) {
                for (String v : List.of("abc", "99999999999999999999", "-1", "0", "1.5", "1e3", "%00")) {
                    values.put(v, Expect.REJECTED);
                }
                values.put("%20", Expect.NO_SERVER_ERROR);
                return values;
            }
            if ("date-time".equals(schema.path("format").asText())) {
                for (String v : List.of("tomorrow", "%00", "x".repeat(3000), "2026-13-45T99:00:00Z")) {
                    values.put(v, Expect.REJECTED);
                }
            }
            if (schema.has("enum")) {
                values.put("not-one-of-them", Expect.REJECTED);
            }
            for (String v : List.of("x".repeat(3000), "%00", "a%00b", "%C3%A9%F0%9F%90%A7", "%01%1B", "..%2F..", "%EF%BF%BF")) {
                values.putIfAbsent(v, Expect.NO_SERVER_ERROR);
            }
            return values;
        }

        /** The first {@code keep} values (the cases issue 8 names) and {@code sampled} more drawn with the seed. */
        private <T> List<T> sample(List<T> values, int keep, int sampled) {
            if (values.size() <= keep + sampled) {
                return values;
            }
            List<T> rest = new ArrayList<>(values.subList(keep, values.size()));
            Collections.shuffle(rest, random);
            List<T> picked = new ArrayList<>(values.subList(0, keep));
            picked.addAll(rest.subList(0, sampled));
            return picked;
        }

        private Map<String, Expect> sample(Map<String, Expect> values, int keepRejected, int rejected, int keepOthers, int others) {
            List<String> must = new ArrayList<>();
            List<String> may = new ArrayList<>();
            values.forEach((value, expect) -> (expect == Expect.NO_SERVER_ERROR ? may : must).add(value));
            Map<String, Expect> picked = new LinkedHashMap<>();
            sample(must, keepRejected, rejected).forEach(v -> picked.put(v, values.get(v)));
            sample(may, keepOthers, others).forEach(v -> picked.put(v, values.get(v)));
            return picked;
        }

        private static String cursor(String decoded) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
        }

        /** Whole bodies: malformed, trailing content, other JSON values than an object, too deep, too big. */
        private static Map<String, Expect> wholeBodies(String base) {
            Map<String, Expect> bodies = new LinkedHashMap<>();
            for (String bad : List.of(base + " xyz", "{", "[" + base + "]", "{\"zzUnknownField\":1," + base.substring(1), "{\"a\":", "nul",
                    "{'a':1}", "{\"a\":1,}", base + " {}", base + ",", base + "]", "[]", "\"text\"", "5", "true", "null", "\u0000",
                    "[".repeat(5000) + "]".repeat(5000), "x".repeat(300 * 1024))) {
                bodies.put(bad, Expect.REJECTED);
            }
            // A base with a field (a oneOf body may have none the generator can build): the same field twice.
            if (base.length() > 2 && base.indexOf(':') > 0) {
                int colon = base.indexOf(':');
                String firstField = base.substring(1, colon);
                bodies.put("{" + firstField + ":" + base.substring(colon + 1, base.length() - 1) + "," + base.substring(1), Expect.REJECTED);
            }
            bodies.put(base, Expect.NO_SERVER_ERROR);
            bodies.put("\uFEFF" + base, Expect.NO_SERVER_ERROR);
            return bodies;
        }

        private List<String> badCsv() {
            return List.of("email\n" + "x".repeat(10_000) + "\n", "email,reason\n\u0000@x.test,manual\n", "a@b.test,not-a-reason\n",
                    "\"\"\"\n,,,,\n", "email\n" + randomString(64) + "\n", "é漢字@fuzz.test\n", "email\r\nr@fuzz.test\r\n");
        }

        /** For a field of this schema: values of another JSON type (rejected) and odd values of its own type (may pass). */
        private Map<String, Expect> badValues(JsonNode schema) {
            Map<String, Expect> values = new LinkedHashMap<>();
            String type = type(schema);
            switch (type) {
                case "string" -> {
                    if ("date-time".equals(schema.path("format").asText())) {
                        values.put("\"\"", Expect.REJECTED);
                    }
                    for (String v : List.of("5", "{}", "1.5", "true", "[\"x\"]", "{\"a\":\"b\"}")) {
                        values.put(v, Expect.REJECTED);
                    }
                    if ("date-time".equals(schema.path("format").asText())) {
                        for (String v : List.of("\"tomorrow\"", "\"2027-02-30T00:00:00Z\"", "1700000000.5")) {
                            values.put(v, Expect.REJECTED);
                        }
                        values.put("\"1970-01-01T00:00:00Z\"", Expect.NO_SERVER_ERROR);
                        values.put("\"+999999999-12-31T23:59:59Z\"", Expect.NO_SERVER_ERROR);
                        values.put("\"-999999999-01-01T00:00:00Z\"", Expect.NO_SERVER_ERROR);
                    } else if (schema.has("enum")) {
                        values.put("\"not-one-of-them\"", Expect.REJECTED);
                        values.put("\"\"", Expect.REJECTED);
                    } else {
                        for (String v : List.of("x".repeat(10_000), "a\u0000b", "", " ", "\u0000", "\u0001\u0007\u001b\u007f", "é漢字🐧",
                                "../../etc/passwd", "%00", "<b>{{x}}</b>", "{{#a}}{{/b}}", randomString(32))) {
                            values.put(write(NODES.textNode(v)), Expect.NO_SERVER_ERROR);
                        }
                        // Lone surrogates, escaped: written raw they would not survive UTF-8 on the way.
                        values.put("\"\\ud800\"", Expect.NO_SERVER_ERROR);
                        values.put("\"a\\udfff\\ud800b\"", Expect.NO_SERVER_ERROR);
                    }
                }
                case "integer" -> {
                    for (String v : List.of("\"5\"", "1.5", "1.0", "true", "\"\"", "{}", "[5]", "1e400", "99999999999999999999", "-99999999999999999999")) {
                        values.put(v, Expect.REJECTED);
                    }
                    for (String v : List.of("0", "-1", "2147483647", "-2147483648", "9223372036854775807")) {
                        values.put(v, Expect.NO_SERVER_ERROR);
                    }
                }
                case "number" -> {
                    for (String v : List.of("\"0.5\"", "true", "{}", "[1]", "\"\"")) {
                        values.put(v, Expect.REJECTED);
                    }
                    for (String v : List.of("-1", "0", "1e308", "1e-320", "1e400", "0.30000000000000004")) {
                        values.put(v, Expect.NO_SERVER_ERROR);
                    }
                }
                case "boolean" -> {
                    for (String v : List.of("1", "0", "\"\"", "\"true\"", "{}", "[true]", "\"false\"")) {
                        values.put(v, Expect.REJECTED);
                    }
                }
                case "array" -> {
                    for (String v : List.of("[null]", "{}", "\"x\"", "5", "[[]]")) {
                        values.put(v, Expect.REJECTED);
                    }
                    String items = type(resolve(schema.path("items")));
                    values.put(switch (items) {
                        case "string" -> "[5]";
                        case "integer", "number" -> "[\"5\"]";
                        case "object" -> "[\"x\"]";
                        default -> "[{}]";
                    }, Expect.REJECTED);
                    values.put("[]", Expect.NO_SERVER_ERROR);
                    JsonNode one = valid(resolve(schema.path("items")), null);
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < 1001; i++) {
                        many.add(one);
                    }
                    values.put(write(many), Expect.NO_SERVER_ERROR);
                }
                case "object" -> {
                    boolean map = schema.has("additionalProperties") && schema.path("additionalProperties").isObject();
                    if (map) {
                        values.put("{\"name\":null}", Expect.REJECTED);
                    }
                    for (String v : List.of("[]", "\"x\"", "5", "true", "[{}]")) {
                        values.put(v, Expect.REJECTED);
                    }
                    if (map) {
                        values.put("{\"name\":5}", Expect.REJECTED);
                        values.put("{\"name\":{}}", Expect.REJECTED);
                        values.put("{\"" + "k".repeat(5000) + "\":\"v\",\"\\u0000\":\"\\u0000\",\"X-Fuzz\\r\\nBcc: a@b.test\":\"x\\r\\nBcc: a@b.test\"}", Expect.NO_SERVER_ERROR);
                    } else {
                        values.put("{\"zzUnknownField\":1}", Expect.REJECTED);
                    }
                    values.put("{}", Expect.NO_SERVER_ERROR);
                }
                default -> {
                }
            }
            values.put("null", Expect.NO_SERVER_ERROR);
            return values;
        }

        private String randomString(int length) {
            String odd = "\u0000\u0001\t\n\r\u001f \"\\/'<>&%{}[]:;,.@#|~`é漢🐧\u200b\u202e\uffff";
            StringBuilder s = new StringBuilder();
            while (s.length() < length) {
                int at = random.nextInt(odd.length());
                char c = odd.charAt(at);
                if (Character.isHighSurrogate(c) && at + 1 < odd.length()) {
                    s.append(c).append(odd.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    s.append(c);
                }
            }
            return s.toString();
        }

        /** A field to mutate: a property, or a property of an object property, or of an array's first object. */
        record FieldPath(List<String> names, JsonNode schema) {
            @Override
            public String toString() {
                return String.join(".", names);
            }
        }

        private List<FieldPath> fields(JsonNode schema, List<String> prefix, int depth) {
            List<FieldPath> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                List<String> names = new ArrayList<>(prefix);
                names.add(property.getKey());
                JsonNode propertySchema = resolve(property.getValue());
                fields.add(new FieldPath(names, propertySchema));
                if (depth < 2 && "object".equals(type(propertySchema)) && propertySchema.has("properties")) {
                    fields.addAll(fields(propertySchema, names, depth + 1));
                }
                JsonNode items = resolve(propertySchema.path("items"));
                if (depth < 2 && "array".equals(type(propertySchema)) && items.has("properties")) {
                    List<String> first = new ArrayList<>(names);
                    first.add("0");
                    fields.addAll(fields(items, first, depth + 1));
                }
            }
            return fields;
        }

        /** {@code base} with the field set to raw JSON text, its parents made up (valid) where base has none. */
        private String withValue(ObjectNode base, JsonNode schema, FieldPath field, String rawJson) {
            ObjectNode body = base.deepCopy();
            JsonNode node = body;
            JsonNode nodeSchema = schema;
            List<String> names = field.names();
            for (int i = 0; i < names.size() - 1; i++) {
                String name = names.get(i);
                if (node instanceof ObjectNode object) {
                    JsonNode childSchema = resolve(nodeSchema.path("properties").path(name));
                    if (!object.has(name) || object.get(name).isNull()) {
                        object.set(name, valid(childSchema, name));
                    }
                    node = object.get(name);
                    nodeSchema = childSchema;
                } else if (node instanceof ArrayNode array) {
                    JsonNode itemSchema = resolve(nodeSchema.path("items"));
                    if (array.isEmpty()) {
                        array.add(valid(itemSchema, null));
                    }
                    node = array.get(0);
                    nodeSchema = itemSchema;
                }
            }
            String last = names.get(names.size() - 1);
            if (node instanceof ObjectNode object) {
                object.put(last, MARK);
                if (names.size() == 1 && INSTEAD_OF.containsKey(last)) {
                    object.remove(INSTEAD_OF.get(last));
                }
            }
            return write(body).replace("\"" + MARK + "\"", rawJson);
        }

        /** A valid value of this schema: its example, enum, format or type; real ids for the id fields. */
        private JsonNode valid(JsonNode schema, String name) {
            schema = resolve(schema);
            if (name != null && ALWAYS_GIVEN.containsKey(name) && live.containsKey(ALWAYS_GIVEN.get(name))) {
                return NODES.textNode(live.get(ALWAYS_GIVEN.get(name)));
            }
            if (schema.has("example")) {
                return schema.get("example");
            }
            if (schema.has("enum")) {
                return schema.get("enum").get(0);
            }
            return switch (type(schema)) {
                case "string" -> NODES.textNode(switch (schema.path("format").asText()) {
                    case "email" -> (name == null ? "someone" : name) + "@fuzz.test";
                    case "date-time" -> platform.clock().instant().plus(Duration.ofDays(2)).toString();
                    default -> name != null && ALWAYS_GIVEN.containsKey(name) ? ALWAYS_GIVEN.get(name) : "fuzz";
                });
                case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1));
                case "number" -> NODES.numberNode(schema.path("minimum").asDouble(0));
                case "boolean" -> NODES.booleanNode(false);
                case "array" -> NODES.arrayNode().add(valid(schema.path("items"), null));
                case "object" -> {
                    ObjectNode object = NODES.objectNode();
                    List<String> required = new ArrayList<>();
                    schema.path("required").forEach(r -> required.add(r.asText()));
                    schema.path("properties").fields().forEachRemaining(p -> {
                        if (required.contains(p.getKey()) || ALWAYS_GIVEN.containsKey(p.getKey())) {
                            object.set(p.getKey(), valid(p.getValue(), p.getKey()));
                        }
                    });
                    yield object;
                }
                default -> NODES.nullNode();
            };
        }

        private JsonNode resolve(JsonNode node) {
            while (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                node = document.at(ref.substring(1));
            }
            return node;
        }

        private static String type(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (!"null".equals(t.asText())) {
                        return t.asText();
                    }
                }
            }
            if (type.isMissingNode() && schema.has("properties")) {
                return "object";
            }
            return type.asText();
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static String write(JsonNode node) {
            try {
                return Json.MAPPER.writeValueAsString(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
