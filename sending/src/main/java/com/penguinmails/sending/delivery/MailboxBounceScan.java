package com.penguinmails.sending.delivery;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.sending.mailboxes.BounceInbox;
import com.penguinmails.sending.mailboxes.BounceScan;
import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounce step of the mailbox run: a cold email's envelope sender is its mailbox, so bounce reports come back to
 * the mailbox's own inbox. Each report about one of our messages ({@link BounceReportParser}) becomes delivery
 * events on the delivery-events queue (resource: the mailbox; domain: the original's From; recipient: the address
 * the message went to), which event-ingest applies like an SES bounce: timeline, suppression, ledger counts, pausing.
 * Only once they are queued is the report marked read and deleted; a run that fails before that leaves it for the
 * next run, and the event ids are stable, so nothing is counted twice.
 *
 * <p>Anyone can send a mailbox a message that looks like a bounce, so a report is only believed about a message of
 * the mailbox's workspace that this mailbox sent, and only ever bounces the address that message went to. Reports
 * about other mail (the person's own, or another mailbox's) are left alone.
 */
public final class MailboxBounceScan implements BounceScan {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxBounceScan.class);

    private final MailboxService mailboxes;
    private final MessageStore messages;
    private final BounceInbox inbox;
    private final DeliveryEventQueue queue;
    private final Clock clock;

    public MailboxBounceScan(MailboxService mailboxes, MessageStore messages, BounceInbox inbox, DeliveryEventQueue queue, Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.inbox = inbox;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public Result scan(Mailbox mailbox) {
        Optional<ImapSettings> imap = mailboxes.imapSettings(mailbox);
        if (imap.isEmpty()) {
            return Result.NONE;
        }
        int[] events = {0};
        int reports = inbox.process(imap.get(), raw -> {
            Optional<BounceReport> report = BounceReportParser.parse(raw);
            if (report.isEmpty() || !report.get().isAboutOurMessage()) {
                return false;
            }
            String workspaceId = report.get().original().workspaceId();
            if (workspaceId != null && !workspaceId.equals(mailbox.workspaceId())) {
                LOG.warn("mailbox {}: bounce report {} names workspace {}, not the mailbox's; left alone", mailbox.id(),
                        report.get().reportMessageId(), workspaceId);
                return false;
            }
            String messageId = report.get().original().messageId();
            Optional<Message> message = messages.find(mailbox.workspaceId(), messageId);
            if (message.isEmpty() || !mailbox.id().equals(message.get().resourceId())) {
                LOG.warn("mailbox {}: bounce report {} is about message {}, which this mailbox did not send; left alone", mailbox.id(),
                        report.get().reportMessageId(), messageId);
                return false;
            }
            List<DeliveryEvent> found = report.get().events(mailbox.workspaceId(), mailbox.id(), EmailAddresses.domainOf(mailbox.email()),
                    message.get().to(), clock.instant());
            if (!found.isEmpty()) {
                queue.publishMailboxBounces(found);
            }
            LOG.info("mailbox {}: bounce report {} for message {}: {}", mailbox.id(), report.get().reportMessageId(),
                    report.get().original().messageId(), found.stream().map(e -> e.type() + " " + e.recipient()).toList());
            events[0] += found.size();
            return true;
        });
        return new Result(reports, events[0]);
    }
}
