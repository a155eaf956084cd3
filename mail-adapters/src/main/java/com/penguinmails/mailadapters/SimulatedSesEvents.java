package com.penguinmails.mailadapters;

import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.delivery.DeliveryEvent;
import com.penguinmails.sending.delivery.DeliveryEventFormat;
import com.penguinmails.sending.delivery.DeliveryEventQueue;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Local platform only: what SES's configuration set does in AWS. After the SMTP sink accepts a mail, queues its
 * {@code DELIVERY} delivery event (origin {@link DeliveryEventFormat.Origin#LOCAL_SES}, with the workspace, message
 * and resource SES's tags would carry) on the delivery-events queue, so the ingest function and everything after it
 * run as they do in AWS.
 */
final class SimulatedSesEvents implements MailTransport {

    /** SES reports a delivery a moment after accepting the mail, never before; the delay keeps that order here. */
    private static final Duration REPORTED_AFTER = Duration.ofSeconds(1);

    private final MailTransport delegate;
    private final DeliveryEventQueue queue;
    private final Clock clock;

    SimulatedSesEvents(MailTransport delegate, DeliveryEventQueue queue, Clock clock) {
        this.delegate = delegate;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void send(OutgoingEmail email, SendingIdentity identity) {
        delegate.send(email, identity);
        queue.queue(DeliveryEventFormat.Origin.LOCAL_SES, List.of(delivery(email, identity)), REPORTED_AFTER);
    }

    /** The adapter: the sink's acceptance as the delivery SES would report; one per message, so its id is the message's. */
    private DeliveryEvent delivery(OutgoingEmail email, SendingIdentity identity) {
        String domain = EmailAddresses.isValid(email.envelopeFrom()) ? EmailAddresses.domainOf(email.envelopeFrom()) : null;
        String recipient = email.recipients().isEmpty() ? null : email.recipients().get(0);
        return new DeliveryEvent("local-ses-delivery-" + email.messageId(), DeliveryEvent.Type.DELIVERY, identity.workspaceId(),
                email.messageId(), identity.resourceId(), domain, recipient == null ? null : recipient.strip().toLowerCase(java.util.Locale.ROOT),
                clock.instant(), "250 OK (local SMTP sink)");
    }
}
