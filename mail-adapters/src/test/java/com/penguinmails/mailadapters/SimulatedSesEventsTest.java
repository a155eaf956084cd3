package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.testing.TestClock;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The local SES stand-in reports each accepted mail's delivery once, on its own thread, several to a queue request,
 * a second after acceptance as SES would; a queue that refuses for a while loses nothing.
 */
class SimulatedSesEventsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final List<String> handedToSmtp = new CopyOnWriteArrayList<>();
    private final MailTransport smtp = (email, identity) -> handedToSmtp.add(email.messageIdHeader());
    private final MailTransport.SendingIdentity identity = new MailTransport.SendingIdentity("ws_1", "ip_1", null, null);

    @Test
    void eachMailIsReportedOnceAsADeliveryAndTheirEventsShareQueueRequests() {
        RecordingQueue queue = new RecordingQueue(0);
        SimulatedSesEvents ses = new SimulatedSesEvents(smtp, queue, clock);

        for (int i = 1; i <= 25; i++) {
            ses.send(email(i), identity);
        }

        await(() -> queue.events().size() == 25);
        assertThat(handedToSmtp).hasSize(25);
        assertThat(queue.events()).extracting(DeliveryEvent::messageId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(25));
        assertThat(queue.events()).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEvent.Type.DELIVERY);
            assertThat(e.workspaceId()).isEqualTo("ws_1");
            assertThat(e.resourceId()).isEqualTo("ip_1");
            assertThat(e.sendingDomain()).isEqualTo("acme.test");
        });
        assertThat(queue.calls()).as("requests for 25 events").isBetween(3, 24);
        assertThat(queue.largestBatch()).isLessThanOrEqualTo(10);
        assertThat(queue.delays()).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void eventsTheQueueRefusedAreQueuedOnceItTakesThem() {
        RecordingQueue queue = new RecordingQueue(2);
        SimulatedSesEvents ses = new SimulatedSesEvents(smtp, queue, clock);

        for (int i = 1; i <= 3; i++) {
            ses.send(email(i), identity);
        }

        await(() -> queue.events().size() == 3);
        assertThat(queue.events()).extracting(DeliveryEvent::messageId).containsExactlyInAnyOrderElementsOf(ids(3));
        assertThat(queue.refused()).isEqualTo(2);
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("msg_" + i);
        }
        return ids;
    }

    private static OutgoingEmail email(int n) {
        return new OutgoingEmail("news@acme.test", List.of("reader" + n + "@example.org"), "<msg_" + n + "@acme.test>",
                ("Message-ID: <msg_" + n + "@acme.test>\r\n\r\nHi\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Records what it is given; refuses its first {@code refusals} calls, as an unavailable queue would. */
    private static final class RecordingQueue implements DeliveryEventQueue {
        private final AtomicInteger toRefuse;
        private final AtomicInteger refused = new AtomicInteger();
        private final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        private final List<Integer> batches = new CopyOnWriteArrayList<>();
        private final List<Duration> delays = new CopyOnWriteArrayList<>();

        RecordingQueue(int refusals) {
            toRefuse = new AtomicInteger(refusals);
        }

        @Override
        public void queue(DeliveryEventFormat.Origin origin, List<DeliveryEvent> batch, Duration delay) {
            assertThat(origin).isEqualTo(DeliveryEventFormat.Origin.LOCAL_SES);
            if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                throw new IllegalStateException("queue unavailable");
            }
            events.addAll(batch);
            batches.add(batch.size());
            delays.add(delay);
        }

        List<DeliveryEvent> events() {
            return events;
        }

        int calls() {
            return batches.size();
        }

        int largestBatch() {
            return batches.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        List<Duration> delays() {
            return delays;
        }

        int refused() {
            return refused.get();
        }
    }
}
