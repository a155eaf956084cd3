package com.penguinmails.core.events.internal;

import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventJson;
import com.penguinmails.core.events.PlatformEventPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Publishes platform events to the event topic with SNS PublishBatch: each message body is the event's CloudEvents
 * JSON (subscriptions filter on it with body policies and deliver it raw). A request carries at most 10 entries and
 * 256 KiB, SNS's limits; SNS bills each 64 KiB of a request as one request, so batching is what keeps the transport
 * cheap. Entries SNS reports failed are tried again a few times (the SDK already retries whole requests that fail);
 * if any still fails, {@link #publish} throws and the caller's trigger is retried, which publishes the same ids again.
 */
public final class SnsEventPublisher implements PlatformEventPublisher {

    public static final int MAX_ENTRIES_PER_REQUEST = 10;
    /** Sum of the message sizes in one PublishBatch (and the most one message may be). */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    static final int ATTEMPTS = 3;

    private final Supplier<SnsClient> sns;
    private final String topicArn;

    public SnsEventPublisher(SnsClient sns, String topicArn) {
        this(() -> sns, topicArn);
        Objects.requireNonNull(sns, "sns");
    }

    /** With the client built on first publish: a function that publishes now and then does not pay for it at start. */
    public SnsEventPublisher(Supplier<SnsClient> sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public void publish(List<PlatformEvent> events) {
        List<String> bodies = new ArrayList<>(events.size());
        for (PlatformEvent event : events) {
            String body = PlatformEventJson.write(event);
            if (utf8Length(body) > MAX_REQUEST_BYTES) {
                throw new IllegalArgumentException("platform event " + event.id() + " (" + event.type().wireName()
                        + ") is larger than SNS's " + MAX_REQUEST_BYTES + " bytes");
            }
            bodies.add(body);
        }
        for (List<String> chunk : chunks(bodies)) {
            publishChunk(chunk);
        }
    }

    /** In order, at most 10 bodies and 256 KiB each. */
    static List<List<String>> chunks(List<String> bodies) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int currentBytes = 0;
        for (String body : bodies) {
            int bytes = utf8Length(body);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES_PER_REQUEST || currentBytes + bytes > MAX_REQUEST_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(body);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private void publishChunk(List<String> bodies) {
        // Entry ids only need to be unique within one request; positions are, even if an event is given twice.
        Map<String, PublishBatchRequestEntry> pending = new LinkedHashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            String id = "e" + i;
            pending.put(id, PublishBatchRequestEntry.builder().id(id).message(bodies.get(i)).build());
        }
        List<BatchResultErrorEntry> failed = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            PublishBatchResponse response = sns.get().publishBatch(b -> b.topicArn(topicArn)
                    .publishBatchRequestEntries(List.copyOf(pending.values())));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            failed = response.failed();
            // A sender fault (a malformed entry) fails the same way every time: trying again cannot help.
            if (failed.stream().anyMatch(f -> Boolean.TRUE.equals(f.senderFault()))) {
                break;
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " of " + bodies.size() + " platform events were not published to "
                    + topicArn + ": " + failed.stream().map(f -> f.code() + " (" + f.message() + ")").distinct()
                    .collect(Collectors.joining(", ")));
        }
    }

    private static int utf8Length(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }
}
