package com.penguinmails.shared.events;

import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.mailboxes.Mailbox;
import com.penguinmails.shared.mailboxes.MailboxService;
import com.penguinmails.shared.messages.MessageStatus;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.reputation.DeliveryCounts;
import com.penguinmails.shared.reputation.ReputationAssessment;
import com.penguinmails.shared.reputation.ReputationCalculator;
import com.penguinmails.shared.reputation.ReputationPolicy;
import com.penguinmails.shared.suppressions.Suppression;
import com.penguinmails.shared.suppressions.SuppressionService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns delivery events into state: each event is applied to its message once (de-duplicated by id on the message
 * item itself), hard bounces, complaints and unsubscribes suppress the address at once, soft bounces after repeats,
 * outcomes are added to the resource's (IP or mailbox) and the domain's daily counts (one write per resource and day
 * per batch), and an IP or mailbox whose reputation crosses the pause line is paused with the reason. A mailbox's
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

    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips, Clock clock,
                              ReputationPolicy policy) {
        this(messages, suppressions, ledger, ips, null, clock, policy);
    }

    /** With {@code mailboxes}, events of mailbox sends count on the mailbox's local days and may pause it. */
    public EventIngestService(MessageStore messages, SuppressionService suppressions, SendLedger ledger, IpService ips,
                              MailboxService mailboxes, Clock clock, ReputationPolicy policy) {
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

    public Summary ingest(List<DeliveryEvent> events) {
        int applied = 0;
        int duplicates = 0;
        Map<LedgerKey, DeliveryCounts> deltas = new LinkedHashMap<>();
        Set<IpRef> toAssess = new LinkedHashSet<>();
        Set<MailboxRef> mailboxesToAssess = new LinkedHashSet<>();
        Map<MailboxRef, Optional<Mailbox>> mailboxCache = new LinkedHashMap<>();
        for (DeliveryEvent event : events) {
            if (event.type() == DeliveryEvent.Type.SEND) {
                continue; // we mark SENT ourselves when the transport accepts the mail
            }
            Instant at = event.at() == null ? clock.instant() : event.at();
            if (!messages.applyEvent(event.workspaceId(), event.messageId(), event.eventId(), statusOf(event.type()), event.detail(), at)) {
                duplicates++;
                continue;
            }
            applied++;
            suppress(event);
            DeliveryCounts delta = countsOf(event.type());
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            MailboxRef mailboxRef = isMailbox(event.resourceId()) ? new MailboxRef(event.workspaceId(), event.resourceId()) : null;
            if (event.resourceId() != null) {
                LocalDate resourceDay = mailboxRef == null ? day
                        : mailbox(mailboxRef, mailboxCache).map(m -> m.window().localDate(at)).orElse(day);
                deltas.merge(new LedgerKey(event.resourceId(), resourceDay), delta, DeliveryCounts::plus);
            }
            if (event.sendingDomain() != null) {
                deltas.merge(new LedgerKey("domain:" + event.sendingDomain(), day), delta, DeliveryCounts::plus);
            }
            if (event.resourceId() != null && event.resourceId().startsWith("ip_")
                    && (event.type() == DeliveryEvent.Type.HARD_BOUNCE || event.type() == DeliveryEvent.Type.COMPLAINT)) {
                toAssess.add(new IpRef(event.workspaceId(), event.resourceId()));
            }
            if (mailboxRef != null && (event.type() == DeliveryEvent.Type.HARD_BOUNCE || event.type() == DeliveryEvent.Type.COMPLAINT)) {
                mailboxesToAssess.add(mailboxRef);
            }
        }
        deltas.forEach((key, delta) -> ledger.record(key.resourceId(), key.day(), delta));
        List<String> paused = toAssess.stream().filter(this::pauseIfOverTheLine).map(IpRef::ipId).toList();
        List<String> pausedMailboxes = mailboxesToAssess.stream().filter(this::pauseMailboxIfOverTheLine).map(MailboxRef::mailboxId).toList();
        return new Summary(applied, duplicates, paused, pausedMailboxes);
    }

    private static boolean isMailbox(String resourceId) {
        return resourceId != null && resourceId.startsWith("mbx_");
    }

    private Optional<Mailbox> mailbox(MailboxRef ref, Map<MailboxRef, Optional<Mailbox>> cache) {
        if (mailboxes == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(ref, r -> mailboxes.find(r.workspaceId(), r.mailboxId()));
    }

    /** Like {@link #pauseIfOverTheLine} for a mailbox: its cold email's window, in its own local days. */
    private boolean pauseMailboxIfOverTheLine(MailboxRef ref) {
        if (mailboxes == null) {
            return false;
        }
        Optional<Mailbox> found = mailboxes.find(ref.workspaceId(), ref.mailboxId());
        if (found.isEmpty() || found.get().warmup().isPaused()) {
            return false;
        }
        LocalDate today = mailboxes.today(found.get());
        ReputationAssessment assessment = ReputationCalculator.assess(
                ledger.history(ref.mailboxId(), today.minusDays(policy.windowDays() - 1L), today), today, policy);
        if (!assessment.shouldPause()) {
            return false;
        }
        return mailboxes.pauseForReputation(ref.workspaceId(), ref.mailboxId(), "reputation: " + String.join("; ", assessment.reasons()));
    }

    private boolean pauseIfOverTheLine(IpRef ip) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ReputationAssessment assessment = ReputationCalculator.assess(
                ledger.history(ip.ipId(), today.minusDays(policy.windowDays() - 1L), today), today, policy);
        if (!assessment.shouldPause()) {
            return false;
        }
        ips.pauseForReputation(ip.workspaceId(), ip.ipId(), "reputation: " + String.join("; ", assessment.reasons()));
        return true;
    }

    private void suppress(DeliveryEvent event) {
        if (event.recipient() == null) {
            return;
        }
        Suppression.Reason reason = switch (event.type()) {
            case HARD_BOUNCE -> Suppression.Reason.HARD_BOUNCE;
            case COMPLAINT -> Suppression.Reason.COMPLAINT;
            case UNSUBSCRIBE -> Suppression.Reason.UNSUBSCRIBE;
            case SOFT_BOUNCE -> Suppression.Reason.REPEATED_SOFT_BOUNCE;
            default -> null;
        };
        if (reason != null) {
            suppressions.recordEvent(event.workspaceId(), event.recipient(), reason, "delivery-event");
        }
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
