package com.penguinmails.mailadapters;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local platform only: what SES's configuration set does in AWS. After the SMTP sink accepts a mail, queues its
 * {@code DELIVERY} delivery event (origin {@link DeliveryEventFormat.Origin#LOCAL_SES}, with the workspace, message
 * and resource SES's tags would carry) on the delivery-events queue, so the ingest function and everything after it
 * run as they do in AWS.
 *
 * <p>Like SES, it reports on its own time, not the sender's: the send returns once the sink accepted the mail, and
 * a thread of this stand-in queues the events of every mail accepted meanwhile together, up to 10 to an SQS request
 * (one request per mail would cost the local pipeline an SQS round trip per mail, which the sender does not make in
 * AWS). Events that cannot be queued are tried again until they are, as SES keeps trying to reach its SNS topic;
 * the thread ends after a few idle seconds and starts again with the next mail.
 */
final class SimulatedSesEvents implements MailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSesEvents.class);
    /** SES reports a delivery a moment after accepting the mail, never before; the delay keeps that order here. */
    private static final Duration REPORTED_AFTER = Duration.ofSeconds(1);
    /** How long the stand-in gathers events before it queues them (they are not visible for a second anyway). */
    private static final long GATHER_MILLIS = 100;
    private static final long IDLE_MILLIS = 5_000;
    private static final long RETRY_MILLIS = 1_000;
    private static final int BATCH = 10;

    private final MailTransport delegate;
    private final DeliveryEventQueue queue;
    private final Clock clock;
    private final List<DeliveryEvent> pending = new ArrayList<>();
    private boolean reporting;

    SimulatedSesEvents(MailTransport delegate, DeliveryEventQueue queue, Clock clock) {
        this.delegate = delegate;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        delegate.send(email, identity);
        DeliveryEvent event = delivery(email, identity);
        synchronized (pending) {
            pending.add(event);
            if (!reporting) {
                reporting = true;
                Thread reporter = new Thread(this::report, "local-ses-events");
                reporter.setDaemon(true);
                reporter.start();
            }
            if (pending.size() >= BATCH) {
                pending.notifyAll();
            }
        }
    }

    /** The stand-in's own thread: queues what accumulated, in batches, until nothing came for a while. */
    private void report() {
        long idleSince = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            List<DeliveryEvent> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    if (System.nanoTime() - idleSince > IDLE_MILLIS * 1_000_000) {
                        reporting = false;
                        return;
                    }
                    waitQuietly(GATHER_MILLIS);
                    continue;
                }
                if (pending.size() < BATCH) {
                    waitQuietly(GATHER_MILLIS);
                }
                batch = new ArrayList<>(pending.subList(0, Math.min(BATCH, pending.size())));
            }
            try {
                queue.queue(DeliveryEventFormat.Origin.LOCAL_SES, batch, REPORTED_AFTER);
                synchronized (pending) {
                    pending.subList(0, batch.size()).clear();
                }
                idleSince = System.nanoTime();
            } catch (RuntimeException e) {
                LOG.warn("could not queue {} simulated SES delivery events; trying again", batch.size(), e);
                synchronized (pending) {
                    waitQuietly(RETRY_MILLIS);
                }
            }
        }
        synchronized (pending) {
            reporting = false;
        }
    }

    /** Waits on {@code pending} (whose lock the caller holds) for up to {@code millis}. */
    private void waitQuietly(long millis) {
        try {
            pending.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The adapter: the sink's acceptance as the delivery SES would report; one per message, so its id is the message's. */
    private DeliveryEvent delivery(OutgoingEmail email, SendingIdentity identity) {
        String domain = EmailAddresses.isValid(email.envelopeFrom()) ? EmailAddresses.domainOf(email.envelopeFrom()) : null;
        String recipient = email.recipients().isEmpty() ? null : email.recipients().get(0);
        return new DeliveryEvent("local-ses-delivery-" + email.messageId(), DeliveryEvent.Type.DELIVERY, identity.workspaceId(),
                email.messageId(), identity.resourceId(), domain, recipient == null ? null : recipient.strip().toLowerCase(Locale.ROOT),
                clock.instant(), "250 OK (local SMTP sink)");
    }
}
