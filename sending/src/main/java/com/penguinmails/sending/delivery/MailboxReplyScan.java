package com.penguinmails.sending.delivery;

import com.penguinmails.core.events.ChannelActivityData;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Hashing;
import com.penguinmails.sending.mailboxes.ImapSettings;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.ReplyInbox;
import com.penguinmails.sending.mailboxes.ReplyScan;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply step of the mailbox run: a reply to a cold email comes back to the mailbox that sent it. Each one that
 * answers a message of a campaign this mailbox sent becomes one {@code channel.activity} event (channel email, type
 * replied, the contact the message went to, its campaign; {@code properties.autoReply} for an out-of-office), the
 * same event {@code POST /v1/channel-events} makes, so analytics counts it, the funnel moves the contact and the
 * contact's sequence stops. Warmup mail is never one (its Message-IDs are not {@code msg_}); replies to mail another
 * mailbox sent, or to no campaign, are left alone. The event id comes from the reply's Message-ID, so a reply read
 * twice (a run that stopped before marking it) is told once.
 */
public final class MailboxReplyScan implements ReplyScan {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReplyScan.class);

    private final MailboxService mailboxes;
    private final MessageStore messages;
    private final ReplyInbox inbox;
    private final PlatformEventPublisher events;
    private final String source;
    private final Clock clock;

    public MailboxReplyScan(MailboxService mailboxes, MessageStore messages, ReplyInbox inbox, PlatformEventPublisher events, String source,
                            Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.inbox = inbox;
        this.events = events;
        this.source = source;
        this.clock = clock;
    }

    @Override
    public int scan(Mailbox mailbox) {
        Optional<ImapSettings> imap = mailboxes.imapSettings(mailbox);
        if (imap.isEmpty()) {
            return 0;
        }
        return inbox.process(imap.get(), raw -> {
            Optional<ColdReply> reply = ColdReply.parse(raw, clock.instant());
            if (reply.isEmpty()) {
                return false;
            }
            for (String messageId : reply.get().messageIds()) {
                Optional<Message> original = messages.find(mailbox.workspaceId(), messageId);
                if (original.isPresent() && mailbox.id().equals(original.get().resourceId()) && original.get().campaignId() != null) {
                    publish(mailbox, reply.get(), original.get());
                    return true;
                }
            }
            LOG.info("mailbox {}: reply {} names none of this mailbox's campaign mail; left alone", mailbox.id(), reply.get().replyMessageId());
            return false;
        });
    }

    private void publish(Mailbox mailbox, ColdReply reply, Message original) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("source", "imap");
        properties.put("messageId", original.id());
        properties.put("autoReply", Boolean.toString(reply.automatic()));
        String idempotencyId = "imap-reply-" + Hashing.sha256Hex(mailbox.id() + "\u001f" + (reply.replyMessageId() == null
                ? reply.messageIds() + reply.receivedAt().toString() : reply.replyMessageId())).substring(0, 32);
        ChannelActivityData data = new ChannelActivityData("email", "replied", original.to(), original.campaignId(), null, null,
                reply.receivedAt(), idempotencyId, properties);
        events.publish(PlatformEvent.builder(EventType.CHANNEL_ACTIVITY)
                .id(PlatformEvent.idFor(EventType.CHANNEL_ACTIVITY.wireName(), mailbox.workspaceId(), idempotencyId))
                .source(source).time(reply.receivedAt()).subject(original.to()).workspaceId(mailbox.workspaceId())
                .correlationId(PlatformEvents.currentCorrelationId()).data(PlatformEvents.data(data)).build());
        LOG.info("mailbox {}: {} from {} to message {} of campaign {}", mailbox.id(), reply.automatic() ? "an automatic reply" : "a reply",
                reply.from(), original.id(), original.campaignId());
    }
}
