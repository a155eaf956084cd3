package com.penguinmails.sending.delivery;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.MessageEventData;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.messages.Engagement;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageEvents;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.reputation.ReputationAssessment;
import com.penguinmails.sending.reputation.ReputationCalculator;
import com.penguinmails.sending.reputation.ReputationPolicy;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionEvents;
import com.penguinmails.sending.suppressions.SuppressionService;
import com.penguinmails.sending.warmup.WarmupEvents;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns delivery events into state: each event is applied to its message once (de-duplicated by id on the message
 * item itself), hard bounces, complaints and unsubscribes suppress the address at once, soft bounces after repeats,
 * outcomes are added exactly once to the resource's (IP or mailbox) and the domain's daily counts (see
 * {@link #ingest}), and an IP or mailbox whose reputation crosses the pause line is paused with the reason. A mailbox's
 * rows are its own local days (as its sends are counted: see MailboxService), an IP's and a domain's UTC days.
 */
public final class EventIngestService {

    private final MessageStore messages;
    private final SuppressionService suppressions;
    private final SendLedger ledger;
    private final IpService ips;
    private final MailboxService mailboxes;
    private final Clock clock;
    private final ReputationPolicy policy;
    private final Supplier<String> attemptIds;
    private final PlatformEventPublisher publisher;

    /** The envelope's source of every event ingest publishes. */
    public static final String EVENT_SOURCE = PlatformEvents.source("event-ingest");

    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips, Clock clock,
                              ReputationPolicy policy) {
        this(messages, suppressions, ledger, ips, null, clock, policy);
    }

    /** With {@code mailboxes}, events of mailbox sends count on the mailbox's local days and may pause it. */
    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips,
                              MailboxService mailboxes, Clock clock, ReputationPolicy policy) {
        this(messages, suppressions, ledger, ips, mailboxes, clock, policy, EventIngestService::newAttemptId);
    }

    /**
     * An ingest call's name: 12 base62 characters from SecureRandom (Ids), about 71 bits. Short because every pending
     * mark on a ledger row and every commit on a message carries it (a UUID made each mark cost 36 bytes). Two
     * attempts' names only matter when they are equal: a redelivered event whose counts were committed and settled
     * already, counted again by an attempt of the same name, would have that count settled as if it were the committed
     * one (counted twice); the chance is 2^-71 per such redelivery.
     */
    public static String newAttemptId() {
        return Ids.randomBase62(12);
    }

    /** {@code attemptIds} names each ingest call uniquely (its pending marks on the ledger carry the name). */
    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips,
                              MailboxService mailboxes, Clock clock, ReputationPolicy policy, Supplier<String> attemptIds) {
        this(messages, suppressions, ledger, ips, mailboxes, clock, policy, attemptIds, PlatformEventPublisher.NONE);
    }

    /**
     * With {@code publisher}, where what ingest changed is published once the batch is applied, before the call returns
     * (and so before the SQS messages are acknowledged): a {@code message.*} event per delivery event applied, and the
     * {@code suppression.added}, {@code ip.paused} and {@code mailbox.paused} it led to. Ids and times come from what
     * happened (the delivery event's id and time, the suppression's and the pause's stored times), and a redelivered
     * batch publishes them again for the events it finds applied already and the pauses it finds made: an ingest that
     * stopped between its writes and its publish loses nothing, and consumers de-duplicate by id.
     */
    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips,
                              MailboxService mailboxes, Clock clock, ReputationPolicy policy, Supplier<String> attemptIds,
                              PlatformEventPublisher publisher) {
        this.publisher = publisher;
        this.attemptIds = attemptIds;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.suppressions = suppressions;
        this.ledger = ledger;
        this.ips = ips;
        this.clock = clock;
        this.policy = policy;
    }

    /** How a batch went: applied, skipped as duplicates, IPs and mailboxes paused. */
    public record Summary(int applied, int duplicates, List<String> pausedIps, List<String> pausedMailboxes) {}

    private record LedgerKey(String resourceId, LocalDate day) {}

    private record IpRef(String workspaceId, String ipId) {}

    private record MailboxRef(String workspaceId, String mailboxId) {}

    /** One event to count: the ledger rows (resource and domain days) its outcome goes to. */
    private record Counted(DeliveryEvent event, Instant at, List<LedgerKey> rows, DeliveryCounts delta) {}

    /**
     * Counts are exact however an ingest stops and however often a batch comes back, without transactions: an
     * event's outcome is added to each of its rows together with a pending mark naming this attempt (one
     * conditional write per row and batch; an event already marked there is not added again, and the earlier
     * attempt's mark stands for it); then the event is applied to its message together with the attempts whose
     * marks stand for it (one conditional write: the commit); then the marks are removed. When the commit finds the
     * event applied already (a redelivery, or a copy of the batch running alongside) or the message gone, each mark
     * the message does not name is a count nothing stands for, and is taken back.
     */
    public Summary ingest(List<DeliveryEvent> events) {
        String attempt = attemptIds.get();
        int applied = 0;
        int duplicates = 0;
        Set<IpRef> toAssess = new LinkedHashSet<>();
        Set<MailboxRef> mailboxesToAssess = new LinkedHashSet<>();
        Map<MailboxRef, Optional<Mailbox>> mailboxCache = new LinkedHashMap<>();
        Set<List<String>> inBatch = new HashSet<>();
        List<Counted> toApply = new ArrayList<>();
        for (DeliveryEvent event : events) {
            if (event.type() == DeliveryEvent.Type.SEND) {
                continue; // we mark SENT ourselves when the transport accepts the mail
            }
            if (!inBatch.add(List.of(event.workspaceId(), event.messageId(), event.eventId()))) {
                duplicates++;
                continue;
            }
            toApply.add(counted(event, mailboxCache));
        }
        List<PlatformEvent> toPublish = new ArrayList<>();
        Map<LedgerKey, Map<String, DeliveryCounts>> byRow = new LinkedHashMap<>();
        for (Counted counted : toApply) {
            counted.rows().forEach(row -> byRow.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(countKey(counted.event()), counted.delta()));
        }
        Map<LedgerKey, Map<String, String>> holders = new LinkedHashMap<>();
        byRow.forEach((row, byEvent) -> holders.put(row, ledger.addPending(row.resourceId(), row.day(), byEvent, attempt)));
        Map<LedgerKey, Map<String, String>> toSettle = new LinkedHashMap<>();
        for (Counted counted : toApply) {
            DeliveryEvent event = counted.event();
            Map<LedgerKey, String> holderByRow = new LinkedHashMap<>();
            counted.rows().forEach(row -> holderByRow.put(row, holders.get(row).get(countKey(event))));
            List<String> marks = holderByRow.entrySet().stream().map(e -> mark(e.getKey(), e.getValue())).toList();
            Optional<Message> after = messages.applyEvent(event.workspaceId(), event.messageId(), event.eventId(),
                    statusOf(event.type()), event.detail(), counted.at(), marks);
            if (after.isPresent()) {
                applied++;
                holderByRow.forEach((row, holder) -> toSettle.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(countKey(event), holder));
                suppress(event);
                toPublish.addAll(eventsOf(counted, after));
            } else {
                duplicates++;
                Optional<MessageStore.AppliedEvent> before = messages.appliedEvent(event.workspaceId(), event.messageId(), event.eventId());
                finishDuplicate(counted, holderByRow, before);
                if (before.filter(MessageStore.AppliedEvent::applied).isPresent()) {
                    // Applied by an earlier attempt, which may have stopped before it published.
                    toPublish.addAll(eventsOf(counted, messages.find(event.workspaceId(), event.messageId())));
                }
            }
            // Also for a duplicate: the attempt that applied it may have stopped before it assessed (assessing is idempotent).
            assessLater(event, toAssess, mailboxesToAssess);
        }
        toSettle.forEach((row, byEvent) -> ledger.settle(row.resourceId(), row.day(), byEvent));
        List<String> paused = toAssess.stream().filter(ip -> pauseIfOverTheLine(ip, toPublish)).map(IpRef::ipId).toList();
        List<String> pausedMailboxes = mailboxesToAssess.stream().filter(mailbox -> pauseMailboxIfOverTheLine(mailbox, toPublish))
                .map(MailboxRef::mailboxId).toList();
        if (!toPublish.isEmpty()) {
            publisher.publish(toPublish);
        }
        return new Summary(applied, duplicates, paused, pausedMailboxes);
    }

    /**
     * An event whose commit failed: applied before, or no such message. On each row, the mark that stands for it
     * is the committed count if the message names it (the mark goes), otherwise a count nothing stands for (taken
     * back): ours just now, or one a stopped or racing attempt left.
     */
    private void finishDuplicate(Counted counted, Map<LedgerKey, String> holderByRow, Optional<MessageStore.AppliedEvent> before) {
        if (holderByRow.isEmpty()) {
            return;
        }
        DeliveryEvent event = counted.event();
        List<String> committed = before.filter(MessageStore.AppliedEvent::applied).map(MessageStore.AppliedEvent::marks).orElse(List.of());
        holderByRow.forEach((row, holder) -> {
            if (committed.contains(mark(row, holder))) {
                ledger.settle(row.resourceId(), row.day(), Map.of(countKey(event), holder));
            } else {
                ledger.takeBack(row.resourceId(), row.day(), countKey(event), holder, counted.delta());
            }
        });
    }

    private Counted counted(DeliveryEvent event, Map<MailboxRef, Optional<Mailbox>> mailboxCache) {
        Instant at = event.at() == null ? clock.instant() : event.at();
        DeliveryCounts delta = countsOf(event.type());
        List<LedgerKey> rows = new ArrayList<>();
        if (!delta.equals(DeliveryCounts.ZERO)) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            if (event.resourceId() != null) {
                LocalDate resourceDay = !isMailbox(event.resourceId()) ? day
                        : mailbox(new MailboxRef(event.workspaceId(), event.resourceId()), mailboxCache).map(m -> m.window().localDate(at)).orElse(day);
                rows.add(new LedgerKey(event.resourceId(), resourceDay));
            }
            if (event.sendingDomain() != null) {
                rows.add(new LedgerKey(ResourceKind.SENDING_DOMAIN.key(event.sendingDomain()), day));
            }
        }
        return new Counted(event, at, rows, delta);
    }

    /**
     * What names an event on a ledger row: its message and its id, as the message de-duplicates it (an id alone need
     * not be unique across messages: a sample, or a mailbox's report, may reuse one).
     */
    static String countKey(DeliveryEvent event) {
        return event.messageId() + " " + event.eventId();
    }

    private static String mark(LedgerKey row, String attempt) {
        return row.resourceId() + " " + row.day() + " " + attempt;
    }

    private static void assessLater(DeliveryEvent event, Set<IpRef> ips, Set<MailboxRef> mailboxes) {
        if (event.type() != DeliveryEvent.Type.HARD_BOUNCE && event.type() != DeliveryEvent.Type.COMPLAINT) {
            return;
        }
        if (ResourceKind.IP.names(event.resourceId())) {
            ips.add(new IpRef(event.workspaceId(), event.resourceId()));
        }
        if (isMailbox(event.resourceId())) {
            mailboxes.add(new MailboxRef(event.workspaceId(), event.resourceId()));
        }
    }

    private static boolean isMailbox(String resourceId) {
        return ResourceKind.MAILBOX.names(resourceId);
    }

    private Optional<Mailbox> mailbox(MailboxRef ref, Map<MailboxRef, Optional<Mailbox>> cache) {
        if (mailboxes == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(ref, r -> mailboxes.find(r.workspaceId(), r.mailboxId()));
    }

    /**
     * Like {@link #pauseIfOverTheLine} for a mailbox: its cold email's window, in its own local days. A mailbox over
     * the line and found paused for its reputation already has its {@code mailbox.paused} published again.
     */
    private boolean pauseMailboxIfOverTheLine(MailboxRef ref, List<PlatformEvent> toPublish) {
        if (mailboxes == null) {
            return false;
        }
        Optional<Mailbox> found = mailboxes.find(ref.workspaceId(), ref.mailboxId());
        if (found.isEmpty()) {
            return false;
        }
        LocalDate today = mailboxes.today(found.get());
        ReputationAssessment assessment = ReputationCalculator.assess(
                ledger.history(ref.mailboxId(), today.minusDays(policy.windowDays() - 1L), today), today, policy);
        if (!assessment.shouldPause()) {
            return false;
        }
        if (found.get().warmup().isPaused()) {
            pausedEvent(EventType.MAILBOX_PAUSED, ref.workspaceId(), ref.mailboxId(), found.get().warmup()).ifPresent(toPublish::add);
            return false;
        }
        boolean paused = mailboxes.pauseForReputation(ref.workspaceId(), ref.mailboxId(), "reputation: " + String.join("; ", assessment.reasons()));
        if (paused) {
            mailboxes.find(ref.workspaceId(), ref.mailboxId())
                    .flatMap(m -> pausedEvent(EventType.MAILBOX_PAUSED, ref.workspaceId(), ref.mailboxId(), m.warmup()))
                    .ifPresent(toPublish::add);
        }
        return paused;
    }

    /** Pauses an IP over the line; its {@code ip.paused} is published, also when the pause was made already. */
    private boolean pauseIfOverTheLine(IpRef ip, List<PlatformEvent> toPublish) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ReputationAssessment assessment = ReputationCalculator.assess(
                ledger.history(ip.ipId(), today.minusDays(policy.windowDays() - 1L), today), today, policy);
        if (!assessment.shouldPause()) {
            return false;
        }
        DedicatedIp after = ips.pauseForReputation(ip.workspaceId(), ip.ipId(), "reputation: " + String.join("; ", assessment.reasons()));
        pausedEvent(EventType.IP_PAUSED, ip.workspaceId(), ip.ipId(), after.warmup()).ifPresent(toPublish::add);
        return true;
    }

    /** The event of a resource's pause at the pause line, as stored; none for a user's pause (the API publishes those). */
    private static Optional<PlatformEvent> pausedEvent(EventType type, String workspaceId, String resourceId, WarmupState warmup) {
        return WarmupEvents.paused(type, EVENT_SOURCE, workspaceId, resourceId, warmup)
                .filter(e -> warmup.pauseReason().startsWith(WarmupEvents.REPUTATION_PAUSE));
    }

    /**
     * What an applied delivery event is as platform events: its {@code message.*} event (none for a message that is
     * gone; {@code message} is as the event's own write returned it, or as read for one applied before) and, for one that suppresses, the {@code suppression.added} of the address's suppression as stored.
     */
    private List<PlatformEvent> eventsOf(Counted counted, Optional<Message> message) {
        DeliveryEvent event = counted.event();
        List<PlatformEvent> out = new ArrayList<>();
        EventType type = eventTypeOf(event.type());
        message.filter(m -> type != null).ifPresent(m -> {
            String bounceType = switch (event.type()) {
                case HARD_BOUNCE -> "hard";
                case SOFT_BOUNCE -> "soft";
                default -> null;
            };
            String url = event.type() == DeliveryEvent.Type.CLICK ? event.detail() : null;
            MessageEventData data = MessageEvents.about(m, event.resourceId(), event.sendingDomain(),
                    event.eventId(), bounceType, url, url == null ? event.detail() : null);
            if (type == EventType.MESSAGE_OPENED || type == EventType.MESSAGE_CLICKED) {
                Instant at = counted.at().truncatedTo(ChronoUnit.MILLIS);
                boolean machine = Engagement.byMachine(at, data.sentAt(), event.detail());
                data = data.withEngagement(machine, !machine && Engagement.firstByReader(m, statusOf(event.type()), at));
            }
            out.add(MessageEvents.event(type, EVENT_SOURCE, counted.at(), m, data, event.eventId()));
        });
        suppressionOf(event).ifPresent(out::add);
        return out;
    }

    /**
     * What delivery events suppress with: ingest's own {@link #suppress} and the one-click unsubscribe, which suppresses
     * before its UNSUBSCRIBE event gets here. Suppressions from anywhere else (the API, an import) are theirs to publish.
     */
    private static final Set<String> SUPPRESSION_SOURCES = Set.of("delivery-event", "one-click");

    /** The address's workspace-wide suppression made by a delivery event (this one or an earlier), as stored. */
    private Optional<PlatformEvent> suppressionOf(DeliveryEvent event) {
        if (event.recipient() == null || reasonOf(event.type()) == null) {
            return Optional.empty();
        }
        return suppressions.blocking(event.workspaceId(), event.recipient(), null)
                .filter(s -> SUPPRESSION_SOURCES.contains(s.source()))
                .map(s -> SuppressionEvents.added(s, EVENT_SOURCE));
    }

    static EventType eventTypeOf(DeliveryEvent.Type type) {
        return switch (type) {
            case SEND -> null; // the sender publishes message.sent when the transport accepts the mail
            case DELIVERY -> EventType.MESSAGE_DELIVERED;
            case HARD_BOUNCE, SOFT_BOUNCE -> EventType.MESSAGE_BOUNCED;
            case COMPLAINT -> EventType.MESSAGE_COMPLAINED;
            case DELIVERY_DELAY -> EventType.MESSAGE_DEFERRED;
            case REJECT, RENDERING_FAILURE -> EventType.MESSAGE_FAILED;
            case OPEN -> EventType.MESSAGE_OPENED;
            case CLICK -> EventType.MESSAGE_CLICKED;
            case UNSUBSCRIBE -> EventType.MESSAGE_UNSUBSCRIBED;
        };
    }

    private void suppress(DeliveryEvent event) {
        if (event.recipient() == null) {
            return;
        }
        Suppression.Reason reason = reasonOf(event.type());
        if (reason != null) {
            suppressions.recordEvent(event.workspaceId(), event.recipient(), reason, "delivery-event");
        }
    }

    private static Suppression.Reason reasonOf(DeliveryEvent.Type type) {
        return switch (type) {
            case HARD_BOUNCE -> Suppression.Reason.HARD_BOUNCE;
            case COMPLAINT -> Suppression.Reason.COMPLAINT;
            case UNSUBSCRIBE -> Suppression.Reason.UNSUBSCRIBE;
            case SOFT_BOUNCE -> Suppression.Reason.REPEATED_SOFT_BOUNCE;
            default -> null;
        };
    }

    static MessageStatus statusOf(DeliveryEvent.Type type) {
        return switch (type) {
            case SEND -> MessageStatus.SENT;
            case DELIVERY -> MessageStatus.DELIVERED;
            case HARD_BOUNCE, SOFT_BOUNCE -> MessageStatus.BOUNCED;
            case COMPLAINT -> MessageStatus.COMPLAINED;
            case DELIVERY_DELAY -> MessageStatus.DEFERRED;
            case REJECT, RENDERING_FAILURE -> MessageStatus.FAILED;
            case OPEN -> MessageStatus.OPENED;
            case CLICK -> MessageStatus.CLICKED;
            case UNSUBSCRIBE -> MessageStatus.UNSUBSCRIBED;
        };
    }

    static DeliveryCounts countsOf(DeliveryEvent.Type type) {
        return switch (type) {
            case DELIVERY -> new DeliveryCounts(0, 1, 0, 0, 0, 0, 0, 0);
            case HARD_BOUNCE -> new DeliveryCounts(0, 0, 1, 0, 0, 0, 0, 0);
            case SOFT_BOUNCE -> new DeliveryCounts(0, 0, 0, 1, 0, 0, 0, 0);
            case COMPLAINT -> new DeliveryCounts(0, 0, 0, 0, 1, 0, 0, 0);
            case DELIVERY_DELAY -> new DeliveryCounts(0, 0, 0, 0, 0, 1, 0, 0);
            case OPEN -> new DeliveryCounts(0, 0, 0, 0, 0, 0, 1, 0);
            case UNSUBSCRIBE -> new DeliveryCounts(0, 0, 0, 0, 0, 0, 0, 1);
            default -> DeliveryCounts.ZERO;
        };
    }
}
