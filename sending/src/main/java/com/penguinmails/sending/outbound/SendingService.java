package com.penguinmails.sending.outbound;

import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventBuffer;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.sending.ips.DedicatedIp;
import com.penguinmails.sending.ips.IpService;
import com.penguinmails.sending.ledger.CapBlocks;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mail.EmailComposer;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxPacer;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.CustomHeaders;
import com.penguinmails.sending.messages.DueMessages;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageEvents;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.MessageStore;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.Templates;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.sending.suppressions.SuppressionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Sends one queued message, at most once:
 * <ol>
 *   <li>claim it (QUEUED → SENDING, a conditional write): a redelivered or concurrent copy finds it claimed and stops;</li>
 *   <li>check suppression again (an unsubscribe may have come in since it was accepted);</li>
 *   <li>take one unit of an IP's daily cap, trying the pool's IPs in weighted order: from the block the batch holds
 *       for an IP of the pool, else from a new block reserved in the ledger for the rest of the batch (one conditional
 *       ADD; see {@link CapBlocks} and {@link #batch}); none left: DEFERRED until the next warmup run. A message for a
 *       mailbox instead waits for the mailbox's working hours and send gap, then reserves a unit of its cold-email cap
 *       on its own (see sendThroughMailbox);</li>
 *   <li>render and hand to the transport; a transient failure gives the unit back and the message waits DEFERRED for
 *       its next try, with exponential back-off and full jitter ({@link RetryPolicy}; the timeline records each
 *       try), until the last try, after which it is FAILED with the reason;</li>
 *   <li>mark it SENT (conditional on still owning this attempt).</li>
 * </ol>
 * A sender that dies after claiming leaves the message SENDING: it is not sent again, because we cannot know whether
 * the transport took it (at-most-once); delivery events that do arrive still move it on.
 * <p>
 * A store that stops answering must not turn into that case: with {@link Patience}, {@link #send(OutboundQueue.Ticket,
 * Patience)} waits it out for as long as the invocation has time, trying the claim again under the same claim token
 * (so an applied but unanswered claim is recognised as ours) and the steps before the hand-off again once it still
 * owns the message; out of time before the hand-off, it gives the message back (QUEUED) and asks for a retry. A
 * cap reservation that was applied but not answered uses up its units without a send: fewer mails, never more.
 */
public final class SendingService {

    public static final Duration LEASE = Duration.ofMinutes(5);
    /** How the timeline entry of a try that failed transiently begins: "try 2 of 6 failed: ...; next try at ...". */
    static final String FAILED_TRY = "try ";
    private static final java.util.regex.Pattern FAILED_TRY_ENTRY = java.util.regex.Pattern.compile("try \\d+ of \\d+ failed: ");

    /** What happened to one ticket. */
    public enum Outcome { SENT, DEFERRED, RETRYING, SUPPRESSED, FAILED, ALREADY_HANDLED }

    /** Thrown when the message should be retried later (the SQS message then comes back after its visibility timeout). */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MessageStore messages;
    private final IpService ips;
    private final SendLedger ledger;
    private final SuppressionService suppressions;
    private final DueMessages due;
    private final MailTransport transport;
    private final TrackingLinks links;
    private final Clock clock;
    private final Function<String[], Optional<Content>> contentLookup;
    private final Function<String[], DedicatedIp> ipLookup;
    private final MailboxService mailboxes;
    private final MailTransport mailboxTransport;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final PlatformEventPublisher events;

    /** The envelope's source of every event the sender publishes. */
    public static final String EVENT_SOURCE = PlatformEvents.source("sender");

    /**
     * {@code contentLookup} and {@code ipLookup} take {workspaceId, id}; callers pass cached lookups so a batch of
     * messages sharing content and IPs reads them once.
     */
    public SendingService(MessageStore messages, IpService ips, SendLedger ledger, SuppressionService suppressions, DueMessages due,
                          MailTransport transport, TrackingLinks links, Clock clock,
                          Function<String[], Optional<Content>> contentLookup, Function<String[], DedicatedIp> ipLookup) {
        this(messages, ips, ledger, suppressions, due, transport, links, clock, contentLookup, ipLookup, null, null);
    }

    /**
     * With mailbox sending: {@code mailboxes} for the mailbox, its caps, pacing and decrypted login, and
     * {@code mailboxTransport} (SMTP) to reach the mailbox's own server, whatever {@code transport} is for IP pools.
     */
    public SendingService(MessageStore messages, IpService ips, SendLedger ledger, SuppressionService suppressions, DueMessages due,
                          MailTransport transport, TrackingLinks links, Clock clock,
                          Function<String[], Optional<Content>> contentLookup, Function<String[], DedicatedIp> ipLookup,
                          MailboxService mailboxes, MailTransport mailboxTransport) {
        this(messages, ips, ledger, suppressions, due, transport, links, clock, contentLookup, ipLookup, mailboxes, mailboxTransport,
                RetryPolicy.defaults(), new Random());
    }

    /** With the back-off of transient transport errors and the randomness of its jitter and of mailbox send gaps. */
    public SendingService(MessageStore messages, IpService ips, SendLedger ledger, SuppressionService suppressions, DueMessages due,
                          MailTransport transport, TrackingLinks links, Clock clock,
                          Function<String[], Optional<Content>> contentLookup, Function<String[], DedicatedIp> ipLookup,
                          MailboxService mailboxes, MailTransport mailboxTransport, RetryPolicy retry, RandomGenerator random) {
        this(messages, ips, ledger, suppressions, due, transport, links, clock, contentLookup, ipLookup, mailboxes, mailboxTransport,
                retry, random, PlatformEventPublisher.NONE);
    }

    /**
     * With {@code events}, where {@code message.sent}, and the {@code message.deferred} and {@code message.failed} this
     * sender decides, are published: after the state change and before the ticket is acknowledged. Each one's id
     * and time come from the change as stored, and whoever finds the change already made publishes it again (a
     * redelivered ticket finding the message SENT or FAILED; a claim of a message this sender DEFERRED), so an event
     * whose publishing a stopped sender never got to is published all the same, and consumers de-duplicate by id.
     */
    public SendingService(MessageStore messages, IpService ips, SendLedger ledger, SuppressionService suppressions, DueMessages due,
                          MailTransport transport, TrackingLinks links, Clock clock,
                          Function<String[], Optional<Content>> contentLookup, Function<String[], DedicatedIp> ipLookup,
                          MailboxService mailboxes, MailTransport mailboxTransport, RetryPolicy retry, RandomGenerator random,
                          PlatformEventPublisher events) {
        this.events = events;
        this.retry = retry;
        this.random = random;
        this.messages = messages;
        this.ips = ips;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.due = due;
        this.transport = transport;
        this.links = links;
        this.clock = clock;
        this.contentLookup = contentLookup;
        this.ipLookup = ipLookup;
        this.mailboxes = mailboxes;
        this.mailboxTransport = mailboxTransport;
    }

    /**
     * How long {@link #send(OutboundQueue.Ticket, Patience)} may keep trying while a store does not answer, and which
     * failures mean that (the caller knows its SDK's exceptions; this class does not).
     */
    public record Patience(Supplier<Duration> timeLeft, Predicate<Throwable> storeDidNotAnswer) {
        public static final Patience NONE = new Patience(() -> Duration.ZERO, failure -> false);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SendingService.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);

    public Outcome send(OutboundQueue.Ticket ticket) {
        return send(ticket, Patience.NONE);
    }

    /** One ticket on its own: a batch of one. */
    public Outcome send(OutboundQueue.Ticket ticket, Patience patience) {
        try (Batch batch = batch(1)) {
            return batch.send(ticket, patience);
        }
    }

    /**
     * A batch of {@code tickets} sends (an SQS batch) that shares its IPs' cap units: the first ticket for a pool
     * reserves a block for the whole rest of the batch in one ledger write, the others take from it, and closing the
     * batch gives back what is left (one write per IP and day). Close it when the batch is done, also when it fails
     * (try-with-resources); a batch that never closes only leaves its units counted (see {@link CapBlocks}).
     */
    public Batch batch(int tickets) {
        PlatformEventBuffer buffer = new PlatformEventBuffer(events);
        SendingService publishingToBuffer = new SendingService(messages, ips, ledger, suppressions, due, transport, links, clock,
                contentLookup, ipLookup, mailboxes, mailboxTransport, retry, random, buffer);
        return publishingToBuffer.new Batch(new CapBlocks(ledger, tickets), buffer);
    }

    /**
     * See {@link #batch}. Thread-safe. The events its sends publish ({@code message.sent} and the rest) wait in the
     * batch and go out together when it closes, ten to an SNS request: close it before the batch is acknowledged,
     * and fail the invocation if closing throws (the redelivered tickets publish their events again).
     */
    public final class Batch implements AutoCloseable {

        private final CapBlocks blocks;
        private final PlatformEventBuffer events;

        private Batch(CapBlocks blocks, PlatformEventBuffer events) {
            this.blocks = blocks;
            this.events = events;
        }

        /** As {@link SendingService#send(OutboundQueue.Ticket, Patience)}, with this batch's cap blocks. */
        public Outcome send(OutboundQueue.Ticket ticket, Patience patience) {
            try {
                return SendingService.this.send(ticket, patience, blocks);
            } finally {
                blocks.ticketDone();
            }
        }

        /** Publishes the batch's events, then gives back the cap units the batch holds and did not use. */
        @Override
        public void close() {
            try {
                events.flush();
            } finally {
                blocks.close();
            }
        }
    }

    private Outcome send(OutboundQueue.Ticket ticket, Patience patience, CapBlocks blocks) {
        Instant now = clock.instant();
        // An id, not jitter: SecureRandom (Ids) so that no two senders can pick the same token.
        String claimToken = Ids.randomBase62(22);
        Optional<Message> claimed = patiently(patience, () ->
                messages.claim(ticket.workspaceId(), ticket.messageId(), now, LEASE, claimToken));
        if (claimed.isEmpty()) {
            republishSettled(ticket);
            return Outcome.ALREADY_HANDLED;
        }
        Message message = claimed.get();
        republishDeferral(message);
        AtomicBoolean handedOff = new AtomicBoolean();
        AtomicBoolean firstTry = new AtomicBoolean(true);
        try {
            return patiently(patience, () -> !handedOff.get(), () -> {
                if (!firstTry.getAndSet(false) && !stillOwned(message)) {
                    // An earlier try's write (a release) was applied after all: the message is no longer ours.
                    return Outcome.ALREADY_HANDLED;
                }
                return sendClaimed(message, now, handedOff, patience, blocks);
            });
        } catch (RetryLater e) {
            throw e;
        } catch (RuntimeException e) {
            if (handedOff.get() || !patience.storeDidNotAnswer().test(e)) {
                throw e;
            }
            try {
                release(message, MessageStatus.QUEUED,
                        "retrying: a store did not answer", now);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw new RetryLater("a store did not answer within the time this invocation has", e);
        }
    }

    /**
     * Ends this attempt in {@code status} (the message's own conditional write), then publishes the
     * {@code message.deferred} or {@code message.failed} it means.
     */
    private boolean release(Message message, MessageStatus status, String detail, Instant now) {
        boolean released = messages.release(message.workspaceId(), message.id(), message.attempt(), status, detail, now);
        if (released) {
            PlatformEvent event = releaseEvent(message, message.attempt(), status, detail, now);
            if (event != null) {
                events.publish(event);
            }
        }
        return released;
    }

    /** The event of a release this sender decided: one per attempt, with the time and reason on the timeline. */
    private static PlatformEvent releaseEvent(Message message, int attempt, MessageStatus status, String detail, Instant at) {
        EventType type = switch (status) {
            case DEFERRED -> EventType.MESSAGE_DEFERRED;
            case FAILED -> EventType.MESSAGE_FAILED;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        return MessageEvents.event(type, EVENT_SOURCE, at, message,
                MessageEvents.about(message, null, null, null, null, null, detail), "attempt", Integer.toString(attempt));
    }

    private void publishSent(Message message, boolean marked, String resourceId, String messageIdHeader, Instant sentAt) {
        if (marked) {
            events.publish(sentEvent(message, resourceId, messageIdHeader, sentAt));
        } else {
            // A retried markSent whose first try was applied after all answers false: what is stored says.
            messages.find(message.workspaceId(), message.id()).ifPresent(this::republishSent);
        }
    }

    /** {@code message.sent}: once per message (only one attempt can mark it SENT), at the time it was marked. */
    private static PlatformEvent sentEvent(Message message, String resourceId, String messageIdHeader, Instant sentAt) {
        String header = messageIdHeader == null ? "" : messageIdHeader;
        String domain = header.contains("@") ? header.substring(header.indexOf('@') + 1).replace(">", "") : null;
        return MessageEvents.event(EventType.MESSAGE_SENT, EVENT_SOURCE, sentAt, message,
                MessageEvents.about(message, resourceId, domain, null, null, null, null));
    }

    /**
     * A ticket whose message is not ours to claim: if it was sent, or failed here, by an attempt that may have
     * stopped before publishing, publish that again (same id and time, from the stored message).
     */
    private void republishSettled(OutboundQueue.Ticket ticket) {
        messages.find(ticket.workspaceId(), ticket.messageId()).ifPresent(stored -> {
            if (!republishSent(stored) && stored.status() == MessageStatus.FAILED && !stored.timeline().isEmpty()) {
                TimelineEntry last = stored.timeline().get(stored.timeline().size() - 1);
                if (last.status() == MessageStatus.FAILED) {
                    events.publish(releaseEvent(stored, stored.attempt(), MessageStatus.FAILED, last.detail(), last.at()));
                }
            }
        });
    }

    private boolean republishSent(Message stored) {
        Optional<TimelineEntry> sent = stored.timeline().stream().filter(e -> e.status() == MessageStatus.SENT).findFirst();
        sent.ifPresent(entry -> events.publish(sentEvent(stored, stored.resourceId(), stored.messageIdHeader(), entry.at())));
        return sent.isPresent();
    }

    /**
     * A claim of a message this sender deferred (never sent): the attempt before may have stopped between its
     * release and its publish, so its {@code message.deferred} goes out again, same id and time.
     */
    private void republishDeferral(Message claimed) {
        List<TimelineEntry> timeline = claimed.timeline();
        if (timeline.size() < 2 || claimed.attempt() < 2 || timeline.stream().anyMatch(e -> e.status() == MessageStatus.SENT)) {
            return;
        }
        TimelineEntry before = timeline.get(timeline.size() - 2);
        if (before.status() == MessageStatus.DEFERRED && timeline.get(timeline.size() - 1).status() == MessageStatus.SENDING) {
            events.publish(releaseEvent(claimed, claimed.attempt() - 1, MessageStatus.DEFERRED, before.detail(), before.at()));
        }
    }

    private boolean stillOwned(Message claimed) {
        return messages.find(claimed.workspaceId(), claimed.id())
                .filter(m -> m.status() == MessageStatus.SENDING && m.attempt() == claimed.attempt())
                .isPresent();
    }

    private static <T> T patiently(Patience patience, Supplier<T> step) {
        return patiently(patience, () -> true, step);
    }

    /**
     * Runs {@code step} again after a failure {@code patience} says is a store not answering, while time is left and
     * {@code mayRepeat} holds.
     */
    private static <T> T patiently(Patience patience, BooleanSupplier mayRepeat, Supplier<T> step) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return step.get();
            } catch (RetryLater e) {
                throw e;
            } catch (RuntimeException e) {
                if (!mayRepeat.getAsBoolean() || !patience.storeDidNotAnswer().test(e)
                        || patience.timeLeft().get().compareTo(backoff) <= 0) {
                    throw e;
                }
                LOG.warn("a store did not answer ({}); trying again in {} ms", e.toString(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private Outcome sendClaimed(Message message, Instant now, AtomicBoolean handedOff, Patience patience, CapBlocks blocks) {
        var suppression = suppressions.blockingAtSend(message.workspaceId(), message.to(), message.campaignId(), message.createdAt());
        if (suppression.isPresent()) {
            release(message, MessageStatus.SUPPRESSED,
                    "suppressed: " + suppression.get().reason().name().toLowerCase(java.util.Locale.ROOT), now);
            return Outcome.SUPPRESSED;
        }
        Optional<Content> content = contentLookup.apply(new String[] {message.workspaceId(), message.contentId()});
        if (content.isEmpty()) {
            release(message, MessageStatus.FAILED, "content missing", now);
            return Outcome.FAILED;
        }
        if (message.mailbox() != null) {
            return sendThroughMailbox(message, content.get(), now, handedOff, patience);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        DedicatedIp ip = reserveIp(message, today, blocks);
        if (ip == null) {
            release(message, MessageStatus.DEFERRED,
                    "no capacity left today in pool " + message.pool() + "; waits for the next warmup run", now);
            due.defer(message.workspaceId(), message.id(), today.plusDays(1));
            return Outcome.DEFERRED;
        }
        String domain = EmailAddresses.domainOf(content.get().from());
        String messageIdHeader = "<" + message.id() + "@" + domain + ">";
        OutgoingEmail email = compose(message, content.get(), messageIdHeader, domain);
        handedOff.set(true);
        try {
            transport.send(email, new MailTransport.SendingIdentity(message.workspaceId(), ip.id(), message.pool(), null));
        } catch (MailTransport.TransientSendException e) {
            blocks.putBack(ip.id(), today);
            return tryAgainLater(message, e.getMessage(), now);
        } catch (MailTransport.PermanentSendException e) {
            blocks.putBack(ip.id(), today);
            release(message, MessageStatus.FAILED, e.getMessage(), now);
            return Outcome.FAILED;
        }
        Instant sentAt = clock.instant();
        boolean marked = patiently(patience, () -> messages.markSent(message.workspaceId(), message.id(), message.attempt(), ip.id(), messageIdHeader, sentAt));
        publishSent(message, marked, ip.id(), messageIdHeader, sentAt);
        return Outcome.SENT;
    }

    /**
     * A mailbox's cold email: only inside its working hours (its time zone), never within a random 60 to 300 seconds
     * of its previous send, and within today's cold-email cap (its local day). A message that may not go now is
     * DEFERRED and scheduled for the time it may ({@link DueMessages#schedule}); the release job queues it again then.
     */
    private Outcome sendThroughMailbox(Message message, Content content, Instant now, AtomicBoolean handedOff, Patience patience) {
        String ws = message.workspaceId();
        if (mailboxes == null || mailboxTransport == null) {
            release(message, MessageStatus.FAILED, "mailbox sending is not configured in this function", now);
            return Outcome.FAILED;
        }
        Optional<Mailbox> found = mailboxes.find(ws, message.mailbox());
        if (found.isEmpty()) {
            release(message, MessageStatus.FAILED, "mailbox " + message.mailbox() + " no longer exists", now);
            return Outcome.FAILED;
        }
        Mailbox mailbox = found.get();
        if (!mailbox.window().contains(now)) {
            Instant at = mailbox.window().nextOpening(now).plus(MailboxPacer.randomGap(random));
            return deferTo(message, at, "outside the working hours of mailbox " + mailbox.id() + "; sends at " + at, now);
        }
        LocalDate day = mailbox.window().localDate(now);
        long cap = mailboxes.coldEmailCap(mailbox);
        if (cap <= 0 || mailboxes.coldEmailsSentToday(mailbox) >= cap) {
            return deferForCap(message, mailbox, day, cap, now);
        }
        MailTransport.SmtpSettings smtp;
        try {
            smtp = mailboxes.smtpSettings(mailbox);
        } catch (com.penguinmails.sending.mailboxes.SecretCipher.SecretCipherException e) {
            release(message, MessageStatus.FAILED,
                    "the SMTP password of mailbox " + mailbox.id() + " cannot be decrypted: " + e.getMessage(), now);
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            release(message, MessageStatus.QUEUED, "retrying: " + e.getMessage(), now);
            throw new RetryLater("mailbox " + mailbox.id() + ": " + e.getMessage(), e);
        }
        mailbox = mailboxes.withCurrentPacing(mailbox);
        for (int attempt = 0; ; attempt++) {
            MailboxPacer.Admission admission = MailboxPacer.admitColdEmail(mailbox.pacing(), now, mailbox.window(), random);
            if (mailboxes.updatePacing(mailbox, admission.next())) {
                if (!admission.sendNow()) {
                    return deferTo(message, admission.retryAt(), "mailbox " + mailbox.id()
                            + " spreads its sends (60 to 300 seconds apart); sends at " + admission.retryAt(), now);
                }
                break;
            }
            if (attempt >= 5) {
                release(message, MessageStatus.QUEUED, "retrying: mailbox pacing kept changing", now);
                throw new RetryLater("mailbox " + mailbox.id() + " pacing kept changing", null);
            }
            mailbox = mailboxes.withCurrentPacing(mailbox);
        }
        // One unit on its own, not a block: a mailbox sends at most once every 60 to 300 seconds, so a batch holds at
        // most one of its sends, and a block would cost a give-back write on top of the reservation.
        if (!ledger.reserve(mailbox.id(), day, cap)) {
            return deferForCap(message, mailbox, day, cap, now);
        }
        String domain = EmailAddresses.domainOf(content.from());
        String messageIdHeader = "<" + message.id() + "@" + domain + ">";
        OutgoingEmail composed = compose(message, content, messageIdHeader, domain);
        // The envelope sender is the mailbox itself, whatever From says (an alias of it, say).
        OutgoingEmail email = new OutgoingEmail(mailbox.email(), composed.recipients(), composed.messageIdHeader(), composed.mime());
        handedOff.set(true);
        try {
            mailboxTransport.send(email, new MailTransport.SendingIdentity(ws, mailbox.id(), null, smtp));
        } catch (MailTransport.TransientSendException e) {
            ledger.unreserve(mailbox.id(), day);
            return tryAgainLater(message, e.getMessage(), now);
        } catch (MailTransport.PermanentSendException e) {
            ledger.unreserve(mailbox.id(), day);
            release(message, MessageStatus.FAILED, e.getMessage(), now);
            return Outcome.FAILED;
        }
        Instant sentAt = clock.instant();
        String mailboxId = mailbox.id();
        boolean marked = patiently(patience, () -> messages.markSent(ws, message.id(), message.attempt(), mailboxId, messageIdHeader, sentAt));
        publishSent(message, marked, mailboxId, messageIdHeader, sentAt);
        return Outcome.SENT;
    }

    /**
     * After a transient transport error: DEFERRED until the next try, which {@link DueMessages#schedule} queues again
     * when it is due (the release job runs every minute and follows the platform clock); FAILED with the reason after
     * the last try. Released before it is scheduled: if scheduling fails, the exception makes SQS redeliver the ticket,
     * and the DEFERRED message can be claimed by it, so it is never stranded.
     */
    private Outcome tryAgainLater(Message message, String reason, Instant now) {
        int failedTry = failedTries(message) + 1;
        if (failedTry >= retry.maxTries()) {
            release(message, MessageStatus.FAILED,
                    "gave up after " + failedTry + " tries; last transient error: " + reason, now);
            return Outcome.FAILED;
        }
        Instant at = now.plus(retry.delayAfter(failedTry, random));
        release(message, MessageStatus.DEFERRED,
                FAILED_TRY + failedTry + " of " + retry.maxTries() + " failed: " + reason + "; next try at " + at, now);
        due.schedule(message.workspaceId(), message.id(), at);
        return Outcome.RETRYING;
    }

    /** Tries that ended in a transient error so far: the message's timeline records each ({@link #FAILED_TRY}). */
    static int failedTries(Message message) {
        return (int) message.timeline().stream()
                .filter(e -> e.status() == MessageStatus.DEFERRED && e.detail() != null && FAILED_TRY_ENTRY.matcher(e.detail()).lookingAt())
                .count();
    }

    private Outcome deferForCap(Message message, Mailbox mailbox, LocalDate day, long cap, Instant now) {
        Instant at = mailbox.window().firstOpeningAfter(day).plus(MailboxPacer.randomGap(random));
        String why = cap <= 0 ? "mailbox " + mailbox.id() + " is paused" + (mailbox.warmup().pauseReason() == null ? "" : " (" + mailbox.warmup().pauseReason() + ")")
                : "mailbox " + mailbox.id() + " used today's cold-email cap of " + cap;
        return deferTo(message, at, why + "; tries again at " + at, now);
    }

    private Outcome deferTo(Message message, Instant at, String detail, Instant now) {
        release(message, MessageStatus.DEFERRED, detail, now);
        due.schedule(message.workspaceId(), message.id(), at);
        return Outcome.DEFERRED;
    }

    /**
     * A unit of today's cap on one of the pool's IPs. An IP the batch holds a block for comes first (no write), in
     * the weighted order; only when none does is a new block reserved, on the first IP of the order that has room.
     * So a batch goes through the IP its first ticket drew, and traffic still spreads by weight over the batches.
     */
    private DedicatedIp reserveIp(Message message, LocalDate today, CapBlocks blocks) {
        List<IpService.Candidate> candidates = ips.candidates(message.workspaceId(), message.pool(),
                ipId -> ipLookup.apply(new String[] {message.workspaceId(), ipId}));
        Optional<String> taken = blocks.takeFromFirst(java.util.Objects.requireNonNullElse(message.pool(), ""),
                candidates.stream().map(c -> new CapBlocks.Capped(c.ip().id(), c.cap())).toList(), today);
        return taken.flatMap(id -> candidates.stream().filter(c -> c.ip().id().equals(id)).findFirst())
                .map(IpService.Candidate::ip).orElse(null);
    }

    private OutgoingEmail compose(Message message, Content content, String messageIdHeader, String domain) {
        Map<String, String> variables = message.variables();
        String subject = Templates.render(Templates.compile("subject", content.subject()), variables);
        String html = content.html() == null ? null : Templates.render(Templates.compile("html", content.html()), variables);
        String text = content.text() == null ? null : Templates.render(Templates.compile("text", content.text()), variables);
        // Only what the API would accept today, then the platform's own X-PM- headers.
        Map<String, String> headers = CustomHeaders.deliverable(content.headers());
        headers.put("X-PM-Message-Id", message.id());
        headers.put("X-PM-Workspace-Id", message.workspaceId());
        if (message.campaignId() != null) {
            headers.put("X-PM-Campaign-Id", message.campaignId());
        }
        String ws = message.workspaceId();
        String id = message.id();
        return EmailComposer.compose(new EmailComposer.Parts(content.from(), content.replyTo(), message.to(), subject, html, text,
                headers, messageIdHeader, links.unsubscribe(ws, id, message.to()),
                "mailto:unsubscribe@bounce." + domain + "?subject=" + links.unsubscribeToken(ws, id, message.to()),
                content.trackOpens() ? links.open(ws, id, message.to()) : null,
                content.trackClicks() ? url -> links.click(ws, id, message.to(), url) : null,
                content.postalAddress()));
    }
}
