package com.penguinmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.embedded.MailSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The endpoints that drive a local run from scripts and tests: time travel, running schedules and feeding queues
 * by hand, reading the mail the platform sent, and the API description. Add new ones in {@link #register}.
 */
final class LocalControlEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControlEndpoints.class);
    static final String OPENAPI_RESOURCE = "penguinmails/openapi.yaml";

    private final MovableClock clock;
    private final Scheduler scheduler;
    private final Map<String, QueueProvisioner.LocalQueue> queues;
    private final SqsClient sqs;
    private final MailSink mailSink;

    LocalControlEndpoints(MovableClock clock, Scheduler scheduler, Map<String, QueueProvisioner.LocalQueue> queues,
                          SqsClient sqs, MailSink mailSink) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.queues = Map.copyOf(queues);
        this.sqs = sqs;
        this.mailSink = mailSink;
    }

    void register(LocalRoutes routes) {
        routes.add("GET", "/_local/health", (request, path) -> GatewayResponse.json(200, Map.of("status", "ok")))
                .add("GET", "/_local/clock", (request, path) -> GatewayResponse.json(200, Map.of("now", clock.instant())))
                .add("POST", "/_local/clock/advance", (request, path) -> advanceClock(request))
                .add("POST", "/_local/schedules/{name}/run", (request, path) -> runSchedule(path.get("name")))
                .add("POST", "/_local/queues/{name}/messages", (request, path) -> sendMessage(path.get("name"), request))
                .add("POST", "/_local/stamp", (request, path) -> GatewayResponse.of(200, "text/plain; charset=utf-8",
                        SampleTimestamps.shiftedTo(request.bodyText(), clock.instant()).getBytes(StandardCharsets.UTF_8)))
                .add("GET", "/_local/outbox", (request, path) -> GatewayResponse.json(200, mailSink.messages()))
                .add("GET", "/openapi.yaml", (request, path) -> openApi(request));
    }

    /** Body {@code {"seconds": N}}; answers the new time and every schedule occurrence the move fired. */
    private GatewayResponse advanceClock(IncomingRequest request) {
        JsonNode seconds;
        try {
            seconds = Json.MAPPER.readTree(request.body()).path("seconds");
        } catch (IOException e) {
            seconds = null;
        }
        if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
            return GatewayResponse.problem(400, "invalid-request", "Bad Request",
                    "Send {\"seconds\": N} with N >= 0; the clock only moves forward");
        }
        List<Scheduler.Occurrence> fired = scheduler.advance(Duration.ofMillis(Math.round(seconds.asDouble() * 1000)));
        return GatewayResponse.json(200, new ClockMoved(clock.instant(), fired));
    }

    private GatewayResponse runSchedule(String name) {
        try {
            if (scheduler.runNow(name).isEmpty()) {
                return GatewayResponse.problem(404, "schedule-not-found", "Not Found", "No schedule named " + name);
            }
        } catch (RuntimeException e) {
            LOG.error("schedule {} failed when run by hand", name, e);
            return GatewayResponse.json(500, new ScheduleRun(name, false, e.toString()));
        }
        return GatewayResponse.json(200, new ScheduleRun(name, true, null));
    }

    /**
     * Sends the raw request body as the message, as a producer function would. With {@code ?stamp=now} the times in
     * it are first moved so that its latest one is the platform's now ({@link SampleTimestamps}): how a sample from
     * {@code events/} shows its effect whatever day it is fed on.
     */
    private GatewayResponse sendMessage(String name, IncomingRequest request) {
        QueueProvisioner.LocalQueue queue = queues.get(name);
        if (queue == null) {
            return GatewayResponse.problem(404, "queue-not-found", "Not Found", "No queue named " + name);
        }
        if (request.body().length == 0) {
            return GatewayResponse.problem(400, "invalid-request", "Bad Request", "SQS messages cannot be empty");
        }
        Map<String, String> query = ApiGatewayEvents.queryStringParameters(request.rawQueryString());
        String stamp = query == null ? null : query.get("stamp");
        if (stamp != null && !stamp.equals("now")) {
            return GatewayResponse.problem(400, "invalid-request", "Bad Request",
                    "stamp takes one value, now: it moves the message's times to the platform clock's now");
        }
        String body = stamp == null ? request.bodyText() : SampleTimestamps.shiftedTo(request.bodyText(), clock.instant());
        String messageId = sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body)).messageId();
        return GatewayResponse.json(202, Map.of("messageId", messageId));
    }

    private GatewayResponse openApi(IncomingRequest request) throws IOException {
        try (InputStream in = LocalControlEndpoints.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                return GatewayResponse.problem(404, "route-not-found", "Not Found", "No route for " + request.describe());
            }
            return GatewayResponse.of(200, "application/yaml", in.readAllBytes());
        }
    }

    /** The answer to a clock move: the new time and what it fired, oldest first. */
    private record ClockMoved(Instant now, List<Scheduler.Occurrence> fired) {}

    /** The answer to a run by hand; {@code error} only when the function threw. */
    private record ScheduleRun(String schedule, boolean ok, String error) {}
}
