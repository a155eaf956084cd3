package com.penguinmails.shared.sending;

import com.penguinmails.shared.ips.DedicatedIp;
import com.penguinmails.shared.ips.IpService;
import com.penguinmails.shared.ledger.SendLedger;
import com.penguinmails.shared.mail.EmailAddresses;
import com.penguinmails.shared.mail.EmailComposer;
import com.penguinmails.shared.mail.MailTransport;
import com.penguinmails.shared.mail.OutgoingEmail;
import com.penguinmails.shared.messages.Content;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.messages.Message;
import com.penguinmails.shared.messages.MessageStatus;
import com.penguinmails.shared.messages.MessageStore;
import com.penguinmails.shared.messages.OutboundQueue;
import com.penguinmails.shared.messages.Templates;
import com.penguinmails.shared.suppressions.SuppressionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends one queued message, at most once:
 * <ol>
 *   <li>claim it (QUEUED → SENDING, a conditional write): a redelivered or concurrent copy finds it claimed and stops;</li>
 *   <li>check suppression again (an unsubscribe may have come in since it was accepted);</li>
 *   <li>reserve one unit of an IP's daily cap (conditional ADD in the ledger), trying the pool's IPs in weighted
 *       order; none left: DEFERRED until the next warmup run;</li>
 *   <li>render and hand to the transport; a transient failure gives the claim and the unit back and asks for a retry;</li>
 *   <li>mark it SENT (conditional on still owning this attempt).</li>
 * </ol>
 * A sender that dies after claiming leaves the message SENDING: it is not sent again, because we cannot know whether
 * the transport took it (at-most-once); delivery events that do arrive still move it on.
 */
public final class SendingService {

    public static final Duration LEASE = Duration.ofMinutes(5);

    /** What happened to one ticket. */
    public enum Outcome { SENT, DEFERRED, SUPPRESSED, FAILED, ALREADY_HANDLED }

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

    /**
     * {@code contentLookup} and {@code ipLookup} take {workspaceId, id}; callers pass cached lookups so a batch of
     * messages sharing content and IPs reads them once.
     */
    public SendingService(MessageStore messages, IpService ips, SendLedger ledger, SuppressionService suppressions, DueMessages due,
                          MailTransport transport, TrackingLinks links, Clock clock,
                          Function<String[], Optional<Content>> contentLookup, Function<String[], DedicatedIp> ipLookup) {
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
    }

    public Outcome send(OutboundQueue.Ticket ticket) {
        Instant now = clock.instant();
        Optional<Message> claimed = messages.claim(ticket.workspaceId(), ticket.messageId(), now, LEASE);
        if (claimed.isEmpty()) {
            return Outcome.ALREADY_HANDLED;
        }
        Message message = claimed.get();
        var suppression = suppressions.blocking(message.workspaceId(), message.to(), message.campaignId());
        if (suppression.isPresent()) {
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.SUPPRESSED,
                    "suppressed: " + suppression.get().reason().name().toLowerCase(java.util.Locale.ROOT), now);
            return Outcome.SUPPRESSED;
        }
        Optional<Content> content = contentLookup.apply(new String[] {message.workspaceId(), message.contentId()});
        if (content.isEmpty()) {
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.FAILED, "content missing", now);
            return Outcome.FAILED;
        }
        if (message.pool() == null) {
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.FAILED,
                    "mailbox sending is not available yet", now);
            return Outcome.FAILED;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        DedicatedIp ip = reserveIp(message, today);
        if (ip == null) {
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.DEFERRED,
                    "no capacity left today in pool " + message.pool() + "; waits for the next warmup run", now);
            due.defer(message.workspaceId(), message.id(), today.plusDays(1));
            return Outcome.DEFERRED;
        }
        String domain = EmailAddresses.domainOf(content.get().from());
        String messageIdHeader = "<" + message.id() + "@" + domain + ">";
        OutgoingEmail email = compose(message, content.get(), messageIdHeader, domain);
        try {
            transport.send(email, new MailTransport.SendingIdentity(ip.id(), message.pool(), null));
        } catch (MailTransport.TransientSendException e) {
            ledger.unreserve(ip.id(), today);
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.QUEUED, "retrying: " + e.getMessage(), now);
            throw new RetryLater(e.getMessage(), e);
        } catch (MailTransport.PermanentSendException e) {
            ledger.unreserve(ip.id(), today);
            messages.release(message.workspaceId(), message.id(), message.attempt(), MessageStatus.FAILED, e.getMessage(), now);
            return Outcome.FAILED;
        }
        messages.markSent(message.workspaceId(), message.id(), message.attempt(), ip.id(), messageIdHeader, clock.instant());
        return Outcome.SENT;
    }

    private DedicatedIp reserveIp(Message message, LocalDate today) {
        for (IpService.Candidate candidate : ips.candidates(message.workspaceId(), message.pool(),
                ipId -> ipLookup.apply(new String[] {message.workspaceId(), ipId}))) {
            if (ledger.reserve(candidate.ip().id(), today, candidate.cap())) {
                return candidate.ip();
            }
        }
        return null;
    }

    private OutgoingEmail compose(Message message, Content content, String messageIdHeader, String domain) {
        Map<String, String> variables = message.variables();
        String subject = Templates.render(Templates.compile("subject", content.subject()), variables);
        String html = content.html() == null ? null : Templates.render(Templates.compile("html", content.html()), variables);
        String text = content.text() == null ? null : Templates.render(Templates.compile("text", content.text()), variables);
        Map<String, String> headers = new LinkedHashMap<>(content.headers());
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
                null));
    }
}
