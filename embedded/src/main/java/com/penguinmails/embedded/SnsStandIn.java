package com.penguinmails.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * An SNS stand-in speaking SNS's own protocol (AWS Query: form-encoded POSTs, XML answers) on 127.0.0.1, enough
 * for the platform-event topic: CreateTopic, DeleteTopic, Subscribe (protocol {@code sqs}), Unsubscribe,
 * ListSubscriptionsByTopic, Publish and PublishBatch, with SNS's limits (10 entries, 256 KiB a request) and error
 * codes. Each published message goes to every SQS subscription whose filter policy matches its body, matched by
 * event-ruler, AWS's EventBridge pattern engine (the subset SNS body policies share with EventBridge means the same
 * to both); raw delivery sends the body as published, otherwise SNS's JSON notification envelope. Delivery is
 * synchronous, so a Publish that answered has put its message in every matching queue. Subscriptions live in memory:
 * whoever starts the stand-in (the local runtime) makes them again on each start.
 */
public final class SnsStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnsStandIn.class);
    static final String ACCOUNT = "000000000000";
    static final int MAX_BATCH_ENTRIES = 10;
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final String XMLNS = "https://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final SqsClient sqs;
    private final Clock clock;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicInteger entriesToFail = new AtomicInteger();

    private SnsStandIn(HttpServer server, ExecutorService executor, String region, SqsClient sqs, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.region = region;
        this.sqs = sqs;
        this.clock = clock;
    }

    /**
     * Starts listening on {@code port} (0 picks a free one), delivering to queues through {@code sqs} (ElasticMQ's
     * client; its queue ARNs and URLs are what Subscribe accepts as endpoints).
     */
    public static SnsStandIn start(int port, String region, SqsClient sqs, Clock clock) {
        Objects.requireNonNull(sqs, "sqs");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, "sns-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            SnsStandIn standIn = new SnsStandIn(server, executor, region, sqs, clock);
            server.createContext("/", standIn::handle);
            server.setExecutor(executor);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("the SNS stand-in could not listen on port " + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates the topic (or answers the existing one's ARN, as SNS does) without going through HTTP. */
    public String createTopic(String name) {
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid topic name " + name);
        }
        String arn = "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
        topics.computeIfAbsent(arn, Topic::new);
        return arn;
    }

    /**
     * Subscribes an SQS queue (its URL or ARN) with raw delivery and, unless {@code null}, a message-body filter
     * policy; an invalid policy is an {@link IllegalArgumentException} with event-ruler's reason.
     */
    public String subscribe(String topicArn, String queue, String bodyFilterPolicy) {
        return topic(topicArn).subscribe(queueUrl(queue), true, bodyFilterPolicy);
    }

    /**
     * Makes the next {@code entries} published messages fail as SNS reports an internal error (HTTP 200 with the
     * entries under {@code Failed}, nothing delivered): how tests see what a publisher does with partial failures.
     */
    public void failNextEntries(int entries) {
        entriesToFail.set(entries);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Reply reply;
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw new SnsError(405, "InvalidAction", "SNS takes form-encoded POST requests");
                }
                Map<String, String> form = parseForm(exchange.getRequestBody());
                reply = dispatch(form, requestId);
            } catch (SnsError e) {
                reply = new Reply(e.status, "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>" + (e.status >= 500 ? "Receiver" : "Sender")
                        + "</Type><Code>" + xml(e.code) + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error><RequestId>"
                        + requestId + "</RequestId></ErrorResponse>");
            } catch (RuntimeException e) {
                LOG.warn("SNS stand-in failed a request", e);
                reply = new Reply(500, "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Receiver</Type><Code>InternalError</Code><Message>"
                        + xml(String.valueOf(e.getMessage())) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
            }
            byte[] body = reply.xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(reply.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply dispatch(Map<String, String> form, String requestId) {
        String action = form.get("Action");
        if (action == null) {
            throw new SnsError(400, "MissingAction", "Action is required");
        }
        String result = switch (action) {
            case "CreateTopic" -> "<TopicArn>" + xml(createTopicChecked(required(form, "Name"), form)) + "</TopicArn>";
            case "DeleteTopic" -> {
                topics.remove(required(form, "TopicArn"));
                yield "";
            }
            case "Subscribe" -> "<SubscriptionArn>" + xml(subscribe(form)) + "</SubscriptionArn>";
            case "Unsubscribe" -> {
                String arn = required(form, "SubscriptionArn");
                topics.values().forEach(t -> t.unsubscribe(arn));
                yield "";
            }
            case "ListSubscriptionsByTopic" -> listSubscriptions(topic(required(form, "TopicArn")));
            case "Publish" -> "<MessageId>" + publish(form) + "</MessageId>";
            case "PublishBatch" -> publishBatch(form);
            default -> throw new SnsError(400, "InvalidAction", "the SNS stand-in does not implement " + action);
        };
        String body = result.isEmpty() ? "" : "<" + action + "Result>" + result + "</" + action + "Result>";
        return new Reply(200, "<" + action + "Response xmlns=\"" + XMLNS + "\">" + body
                + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private String createTopicChecked(String name, Map<String, String> form) {
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: Topic Name");
        }
        if (name.endsWith(".fifo") || "true".equalsIgnoreCase(attributes(form, "Attributes").get("FifoTopic"))) {
            throw new SnsError(400, "InvalidParameter", "the SNS stand-in serves standard topics only");
        }
        return createTopic(name);
    }

    private String subscribe(Map<String, String> form) {
        Topic topic = topic(required(form, "TopicArn"));
        String protocol = required(form, "Protocol");
        if (!"sqs".equals(protocol)) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: the SNS stand-in delivers to sqs only, not " + protocol);
        }
        Map<String, String> attributes = attributes(form, "Attributes");
        String policy = attributes.get("FilterPolicy");
        String scope = attributes.getOrDefault("FilterPolicyScope", "MessageAttributes");
        if (policy != null && !"MessageBody".equals(scope)) {
            throw new SnsError(400, "InvalidParameter",
                    "Invalid parameter: the SNS stand-in filters on the message body only (FilterPolicyScope=MessageBody)");
        }
        String endpoint = required(form, "Endpoint");
        return topic.subscribe(queueUrl(endpoint), "true".equalsIgnoreCase(attributes.get("RawMessageDelivery")), policy);
    }

    private String listSubscriptions(Topic topic) {
        StringBuilder members = new StringBuilder("<Subscriptions>");
        for (Subscription s : topic.subscriptions) {
            members.append("<member><TopicArn>").append(xml(topic.arn)).append("</TopicArn><Protocol>sqs</Protocol>")
                    .append("<SubscriptionArn>").append(xml(s.arn)).append("</SubscriptionArn><Owner>").append(ACCOUNT)
                    .append("</Owner><Endpoint>").append(xml(s.queueUrl)).append("</Endpoint></member>");
        }
        return members.append("</Subscriptions>").toString();
    }

    private String publish(Map<String, String> form) {
        Topic topic = topic(required(form, "TopicArn"));
        String message = form.get("Message");
        if (message == null || message.isEmpty()) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        if (utf8Length(message) > MAX_MESSAGE_BYTES) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: Message too long");
        }
        if (takeFailure()) {
            throw new SnsError(500, "InternalError", "injected failure");
        }
        return topic.deliver(List.of(message), clock).get(0);
    }

    private String publishBatch(Map<String, String> form) {
        Topic topic = topic(required(form, "TopicArn"));
        List<Map<String, String>> entries = members(form, "PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw new SnsError(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw new SnsError(400, "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        int totalBytes = 0;
        for (Map<String, String> entry : entries) {
            String id = entry.get("Id");
            if (id == null || !BATCH_ENTRY_ID.matcher(id).matches()) {
                throw new SnsError(400, "InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters,"
                        + " hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw new SnsError(400, "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
            }
            totalBytes += utf8Length(entry.getOrDefault("Message", ""));
        }
        if (totalBytes > MAX_MESSAGE_BYTES) {
            throw new SnsError(400, "BatchRequestTooLong", "The length of all the messages put together is more than the limit.");
        }
        StringBuilder failed = new StringBuilder("<Failed>");
        List<String> deliveredIds = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (Map<String, String> entry : entries) {
            String id = entry.get("Id");
            String message = entry.get("Message");
            if (message == null || message.isEmpty()) {
                failed.append(failure(id, "InvalidParameter", "Invalid parameter: Empty message", true));
            } else if (takeFailure()) {
                failed.append(failure(id, "InternalError", "injected failure", false));
            } else {
                deliveredIds.add(id);
                delivered.add(message);
            }
        }
        List<String> messageIds = topic.deliver(delivered, clock);
        StringBuilder successful = new StringBuilder("<Successful>");
        for (int i = 0; i < deliveredIds.size(); i++) {
            successful.append("<member><Id>").append(xml(deliveredIds.get(i))).append("</Id><MessageId>")
                    .append(messageIds.get(i)).append("</MessageId></member>");
        }
        return successful.append("</Successful>").toString() + failed.append("</Failed>");
    }

    private static String failure(String id, String code, String message, boolean senderFault) {
        return "<member><Id>" + xml(id) + "</Id><Code>" + code + "</Code><Message>" + xml(message)
                + "</Message><SenderFault>" + senderFault + "</SenderFault></member>";
    }

    private boolean takeFailure() {
        return entriesToFail.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private Topic topic(String arn) {
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw new SnsError(404, "NotFound", "Topic does not exist");
        }
        return topic;
    }

    /** An SQS subscription endpoint is a queue ARN in AWS; a queue URL is accepted too. */
    private String queueUrl(String endpoint) {
        if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
            return endpoint;
        }
        String[] arn = endpoint.split(":");
        if (arn.length != 6 || !"arn".equals(arn[0]) || !"sqs".equals(arn[2])) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: SQS endpoint ARN");
        }
        try {
            return sqs.getQueueUrl(get -> get.queueName(arn[5])).queueUrl();
        } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException e) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: no queue " + arn[5]);
        }
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw new SnsError(400, "InvalidParameter", "Invalid parameter: " + name + " is required");
        }
        return value;
    }

    /** {@code Attributes.entry.N.key} / {@code .value} pairs. */
    private static Map<String, String> attributes(Map<String, String> form, String prefix) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map<String, String> entry : members(form, prefix, "entry")) {
            if (entry.get("key") != null) {
                attributes.put(entry.get("key"), entry.get("value"));
            }
        }
        return attributes;
    }

    private static List<Map<String, String>> members(Map<String, String> form, String prefix) {
        return members(form, prefix, "member");
    }

    /** {@code Prefix.member.1.Id=...&Prefix.member.1.Message=...}, in index order. */
    private static List<Map<String, String>> members(Map<String, String> form, String prefix, String kind) {
        List<Map<String, String>> members = new ArrayList<>();
        for (int i = 1; ; i++) {
            String start = prefix + "." + kind + "." + i + ".";
            Map<String, String> member = new LinkedHashMap<>();
            form.forEach((key, value) -> {
                if (key.startsWith(start)) {
                    member.put(key.substring(start.length()), value);
                }
            });
            if (member.isEmpty()) {
                return members;
            }
            members.add(member);
        }
    }

    private static Map<String, String> parseForm(InputStream body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private record Reply(int status, String xml) {}

    private record Subscription(String arn, String queueUrl, boolean raw, String filterPolicy) {}

    private static final class SnsError extends RuntimeException {
        final int status;
        final String code;

        SnsError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private final class Topic {
        final String arn;
        final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        final Machine machine = new Machine();

        Topic(String arn) {
            this.arn = arn;
        }

        synchronized String subscribe(String queueUrl, boolean raw, String filterPolicy) {
            for (Subscription s : subscriptions) {
                if (s.queueUrl.equals(queueUrl)) {
                    // SNS answers the existing subscription when nothing differs, and refuses a changed one.
                    if (s.raw == raw && Objects.equals(s.filterPolicy, filterPolicy)) {
                        return s.arn;
                    }
                    throw new SnsError(400, "InvalidParameter", "Invalid parameter: Attributes Reason: Subscription already"
                            + " exists with different attributes");
                }
            }
            String subscriptionArn = arn + ":" + UUID.randomUUID();
            if (filterPolicy != null) {
                String problem = RuleCompiler.check(filterPolicy);
                if (problem != null) {
                    throw new SnsError(400, "InvalidParameter", "Invalid parameter: FilterPolicy: " + problem);
                }
                try {
                    machine.addRule(subscriptionArn, filterPolicy);
                } catch (IOException | RuntimeException e) {
                    throw new SnsError(400, "InvalidParameter", "Invalid parameter: FilterPolicy: " + e.getMessage());
                }
            }
            subscriptions.add(new Subscription(subscriptionArn, queueUrl, raw, filterPolicy));
            return subscriptionArn;
        }

        synchronized void unsubscribe(String subscriptionArn) {
            subscriptions.removeIf(s -> {
                if (!s.arn.equals(subscriptionArn)) {
                    return false;
                }
                if (s.filterPolicy != null) {
                    try {
                        machine.deleteRule(s.arn, s.filterPolicy);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return true;
            });
        }

        /**
         * Puts each message in every queue whose subscription matches it, as SNS does, and answers their message ids.
         * The messages of one publish go to a queue together, in SQS batches of up to 10 (one request instead of one
         * per message: the stand-in's own cost, not SNS's).
         */
        List<String> deliver(List<String> messages, Clock clock) {
            List<String> messageIds = new ArrayList<>();
            List<Set<String>> matched = new ArrayList<>();
            for (String message : messages) {
                messageIds.add(UUID.randomUUID().toString());
                matched.add(new HashSet<>(matches(message)));
            }
            for (Subscription s : subscriptions) {
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < messages.size(); i++) {
                    if (s.filterPolicy == null || matched.get(i).contains(s.arn)) {
                        bodies.add(s.raw ? messages.get(i) : envelope(messageIds.get(i), messages.get(i), clock));
                    }
                }
                send(s.queueUrl, bodies);
            }
            return messageIds;
        }

        /** In SQS batches of at most 10 messages and {@value #MAX_MESSAGE_BYTES} bytes; any refusal fails the publish. */
        private void send(String queueUrl, List<String> bodies) {
            int from = 0;
            while (from < bodies.size()) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                int bytes = 0;
                for (int i = from; i < bodies.size() && entries.size() < MAX_BATCH_ENTRIES; i++) {
                    int size = utf8Length(bodies.get(i));
                    if (!entries.isEmpty() && bytes + size > MAX_MESSAGE_BYTES) {
                        break;
                    }
                    bytes += size;
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody(bodies.get(i)).build());
                }
                SendMessageBatchResponse response = sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(entries));
                if (!response.failed().isEmpty()) {
                    throw new IllegalStateException("queue " + queueUrl + " refused " + response.failed().size() + " of "
                            + entries.size() + " messages: " + response.failed().get(0).message());
                }
                from += entries.size();
            }
        }

        /** A body that is not JSON matches no body policy, as in SNS. */
        private List<String> matches(String message) {
            try {
                return machine.rulesForJSONEvent(message);
            } catch (Exception e) {
                return List.of();
            }
        }

        private String envelope(String messageId, String message, Clock clock) {
            ObjectNode node = JSON.createObjectNode();
            node.put("Type", "Notification");
            node.put("MessageId", messageId);
            node.put("TopicArn", arn);
            node.put("Message", message);
            node.put("Timestamp", clock.instant().toString());
            node.put("SignatureVersion", "1");
            return node.toString();
        }
    }
}
