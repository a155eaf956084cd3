package com.penguinmails.benchmarks;

import com.penguinmails.local.LocalRuntimeThreads;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The SQS and SNS requests the functions and the event source mappings make, as AWS bills them: every API call is
 * a request, and a call carrying more than 64 KB of payload (messages sent or received, published) is one request
 * per 64 KB chunk. Counted per operation, queue or topic, and caller (function or event source mapping).
 *
 * <p>Two kinds are kept apart because AWS would not bill them as SQS requests of ours: the delivery events the local
 * SES stand-in queues after each SMTP hand-off (in AWS SES publishes them to our SNS topic, one notification per
 * event, and SNS delivers them to the queue for free), counted as SNS publishes; and receives that came back empty,
 * which are billed but depend on how long the pollers wait (1 s locally, 20 s for Lambda's pollers), not on mail.
 */
final class MessagingUsage {

    static final long CHUNK_BYTES = 64 * 1024;
    /** The source the local SES stand-in's delivery events carry (DeliveryEventFormat.Origin.LOCAL_SES). */
    private static final String LOCAL_SES_SOURCE = "penguinmails.local-ses";

    /** One line of the breakdown. */
    record Line(String service, String operation, String resource, LocalRuntimeThreads.Role caller) {}

    private final Map<Line, LongAdder> billed = new ConcurrentHashMap<>();
    private final LongAdder sqsRequests = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder snsPublishRequests = new LongAdder();
    private final LongAdder sesNotifications = new LongAdder();

    void sqs(String operation, SdkRequest request, SdkResponse response, LocalRuntimeThreads.Role caller) {
        String queue = queueName(request);
        long payload = 0;
        if (request instanceof SendMessageRequest s) {
            if (s.messageBody() != null && s.messageBody().contains(LOCAL_SES_SOURCE)) {
                sesNotifications.increment();
                return;
            }
            payload = bytes(s.messageBody()) + attributeBytes(s.messageAttributes());
        } else if (request instanceof SendMessageBatchRequest b) {
            long ses = b.entries().stream().filter(e -> e.messageBody() != null && e.messageBody().contains(LOCAL_SES_SOURCE)).count();
            if (ses == b.entries().size() && ses > 0) {
                sesNotifications.add(ses);
                return;
            }
            payload = b.entries().stream().mapToLong(MessagingUsage::entryBytes).sum();
        } else if (response instanceof ReceiveMessageResponse r) {
            if (!r.hasMessages() || r.messages().isEmpty()) {
                emptyReceives.increment();
            }
            payload = r.hasMessages() ? r.messages().stream().mapToLong(MessagingUsage::messageBytes).sum() : 0;
        }
        long requests = chunks(payload);
        sqsRequests.add(requests);
        billed.computeIfAbsent(new Line("SQS", operation, queue, caller), k -> new LongAdder()).add(requests);
    }

    /** A call from outside the functions: counted only if it is the local SES stand-in queueing delivery events. */
    void sesNotifications(SdkRequest request) {
        if (request instanceof SendMessageRequest s && s.messageBody() != null && s.messageBody().contains(LOCAL_SES_SOURCE)) {
            sesNotifications.increment();
        } else if (request instanceof SendMessageBatchRequest b) {
            sesNotifications.add(b.entries().stream().filter(e -> e.messageBody() != null && e.messageBody().contains(LOCAL_SES_SOURCE)).count());
        }
    }

    void sns(String operation, SdkRequest request, LocalRuntimeThreads.Role caller) {
        long payload = 0;
        if (request instanceof PublishRequest p) {
            payload = bytes(p.message()) + bytes(p.subject());
        } else if (request instanceof PublishBatchRequest b) {
            payload = b.publishBatchRequestEntries().stream().mapToLong(e -> bytes(e.message()) + bytes(e.subject())).sum();
        }
        long requests = chunks(payload);
        if (request instanceof PublishRequest || request instanceof PublishBatchRequest) {
            snsPublishRequests.add(requests);
        }
        String topic = request instanceof PublishRequest p ? tail(p.topicArn())
                : request instanceof PublishBatchRequest b ? tail(b.topicArn()) : "";
        billed.computeIfAbsent(new Line("SNS", operation, topic, caller), k -> new LongAdder()).add(requests);
    }

    long sqsRequests() {
        return sqsRequests.sum();
    }

    long emptyReceives() {
        return emptyReceives.sum();
    }

    long snsPublishRequests() {
        return snsPublishRequests.sum();
    }

    long sesNotifications() {
        return sesNotifications.sum();
    }

    /** Requests per email by line, largest first. */
    String breakdown(long emails) {
        Map<String, Long> lines = new TreeMap<>();
        billed.forEach((line, count) -> lines.put(line.service() + " " + line.operation() + " " + line.resource()
                + (line.caller() == LocalRuntimeThreads.Role.EVENT_SOURCE ? " (poller)" : ""), count.sum()));
        return lines.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), (double) e.getValue() / emails))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static long chunks(long payloadBytes) {
        return Math.max(1, (payloadBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    private static long entryBytes(SendMessageBatchRequestEntry entry) {
        return bytes(entry.messageBody()) + attributeBytes(entry.messageAttributes());
    }

    private static long messageBytes(Message message) {
        return bytes(message.body()) + attributeBytes(message.messageAttributes());
    }

    private static long attributeBytes(Map<String, MessageAttributeValue> attributes) {
        if (attributes == null) {
            return 0;
        }
        long total = 0;
        for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
            MessageAttributeValue v = a.getValue();
            total += bytes(a.getKey()) + bytes(v.dataType()) + bytes(v.stringValue())
                    + (v.binaryValue() == null ? 0 : v.binaryValue().asByteArray().length);
        }
        return total;
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String queueName(SdkRequest request) {
        return request.getValueForField("QueueUrl", String.class).map(MessagingUsage::tail).orElse("");
    }

    private static String tail(String urlOrArn) {
        if (urlOrArn == null) {
            return "";
        }
        String name = urlOrArn.substring(Math.max(urlOrArn.lastIndexOf('/'), urlOrArn.lastIndexOf(':')) + 1);
        return name.replaceFirst("^pm-local-", "");
    }
}
