package com.penguinmails.sending.placement;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlacementObservedData;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxProvider;
import com.penguinmails.sending.mailboxes.PlacementObserver;
import com.penguinmails.sending.mailboxes.ReceivedWarmup;
import java.time.Clock;
import java.time.Instant;

/**
 * What the warmup run's receiving pass saw, made public: a {@code placement.observed} event per message and seed
 * (which analytics counts into inbox-placement rates), and, for a placement test's copy, the folder on the test.
 */
public final class PlacementObservations implements PlacementObserver {

    private final PlatformEventPublisher events;
    private final String source;
    private final PlacementTestStore tests;
    private final Clock clock;

    public PlacementObservations(PlatformEventPublisher events, String source, PlacementTestStore tests, Clock clock) {
        this.events = events;
        this.source = source;
        this.tests = tests;
        this.clock = clock;
    }

    @Override
    public void observed(Mailbox seed, Mailbox sender, ReceivedWarmup received) {
        if (received.messageId() == null) {
            return; // nothing to tell one copy from another by; our own mail always has one
        }
        Instant now = clock.instant();
        String provider = MailboxProvider.ofMailbox(seed.email(), seed.imap() == null ? null : seed.imap().host()).wireName();
        PlacementObservedData data = PlacementObservedData.builder()
                .resourceId(sender.id()).resourceKind("mailbox").sendingDomain(EmailAddresses.domainOf(received.fromAddress()))
                .provider(provider).folder(received.folder().wireName()).seedMailboxId(seed.id())
                .placementTestId(received.placementTestId()).messageId(received.messageId()).build();
        events.publish(PlatformEvent.builder(EventType.PLACEMENT_OBSERVED)
                // Once per message and seed: a mailbox read again publishes the same id, which consumers drop.
                .id(PlatformEvent.idFor(EventType.PLACEMENT_OBSERVED.wireName(), seed.workspaceId(), received.messageId(), seed.id()))
                .source(source).time(now).subject(sender.id()).workspaceId(seed.workspaceId())
                .correlationId(PlatformEvents.currentCorrelationId())
                .data(PlatformEvents.data(data))
                .build());
        if (received.placementTestId() != null) {
            tests.recordObserved(seed.workspaceId(), received.placementTestId(), seed.id(), received.folder(), now);
        }
    }
}
