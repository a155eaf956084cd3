package com.penguinmails.campaigns.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.contacts.ContactStatus;
import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.EmailAddresses;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the contacts' activity does to their sequences, from platform events: a reply (on any channel) stops the
 * contact's sequence in that campaign, unless it is an auto-reply and the campaign does not stop on those; a hard
 * bounce, a complaint or an unsubscribe stops it and marks the contact so no campaign mails them again; a human
 * open or click is remembered for step conditions; the activity a task step waits for moves the contact on.
 * Applying an event twice changes nothing more.
 */
public final class SequenceEvents {

    /** The ids of events that could not be applied (to retry), and how many enrollments changed. */
    public record Outcome(Map<String, RuntimeException> failed, int changed) {}

    private static final Logger LOG = LoggerFactory.getLogger(SequenceEvents.class);
    private static final int ATTEMPTS = 3;

    private final CampaignStore campaigns;
    private final EnrollmentStore enrollments;
    private final DueSteps calendar;
    private final ContactService contacts;
    private final Clock clock;

    public SequenceEvents(CampaignStore campaigns, EnrollmentStore enrollments, DueSteps calendar, ContactService contacts, Clock clock) {
        this.campaigns = campaigns;
        this.enrollments = enrollments;
        this.calendar = calendar;
        this.contacts = contacts;
        this.clock = clock;
    }

    public Outcome apply(List<PlatformEvent> events) {
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        int changed = 0;
        for (PlatformEvent event : events) {
            try {
                changed += apply(event) ? 1 : 0;
            } catch (RuntimeException e) {
                failed.put(event.id(), e);
            }
        }
        return new Outcome(failed, changed);
    }

    private boolean apply(PlatformEvent event) {
        JsonNode data = event.data();
        String campaignId = text(data, "campaignId");
        EventType type = event.type();
        String address = type == EventType.CHANNEL_ACTIVITY ? text(data, "contact") : text(data, "recipient");
        if (address == null || !EmailAddresses.isValid(address)) {
            return false;
        }
        Instant now = clock.instant();
        switch (type) {
            case MESSAGE_BOUNCED -> {
                if (!"hard".equals(text(data, "bounceType"))) {
                    return false;
                }
                contacts.markStatus(event.workspaceId(), address, ContactStatus.BOUNCED);
                return campaignId != null && change(event, campaignId, address, e -> e.moving() ? e.stopped(StopReason.BOUNCED, now) : null);
            }
            case MESSAGE_COMPLAINED -> {
                contacts.markStatus(event.workspaceId(), address, ContactStatus.COMPLAINED);
                return campaignId != null && change(event, campaignId, address, e -> e.moving() ? e.stopped(StopReason.COMPLAINED, now) : null);
            }
            case MESSAGE_UNSUBSCRIBED -> {
                contacts.markStatus(event.workspaceId(), address, ContactStatus.UNSUBSCRIBED);
                return campaignId != null && change(event, campaignId, address, e -> e.moving() ? e.stopped(StopReason.UNSUBSCRIBED, now) : null);
            }
            case MESSAGE_OPENED, MESSAGE_CLICKED -> {
                boolean click = type == EventType.MESSAGE_CLICKED;
                if (campaignId == null || data.path("machine").asBoolean(false)) {
                    return false;
                }
                return change(event, campaignId, address, e -> (click ? e.clicked() : e.opened()) ? null : e.engaged(!click, click, now));
            }
            case CHANNEL_ACTIVITY -> {
                return campaignId != null && channelActivity(event, campaignId, address, data, now);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean channelActivity(PlatformEvent event, String campaignId, String address, JsonNode data, Instant now) {
        String activity = text(data, "type");
        String channel = text(data, "channel");
        if ("replied".equals(activity)) {
            // The campaign is read only for an out-of-office, the one case its settings decide.
            boolean autoReply = "true".equals(data.path("properties").path("autoReply").asText(null));
            if (autoReply && !campaigns.find(event.workspaceId(), campaignId).map(Campaign::stopOnAutoReply).orElse(false)) {
                return false;
            }
            return change(event, campaignId, address, e -> e.moving() ? e.stopped(StopReason.REPLIED, now) : null);
        }
        // Any other activity on the channel of the task a contact waits for completes the task; the campaign is read
        // only for a contact that waits (most activity, a LinkedIn visit or a call, finds no task).
        return change(event, campaignId, address, e -> {
            if (e.status() != EnrollmentStatus.WAITING || !("task:" + channel).equals(e.outcomes().get(e.nextStep() - 1))) {
                return null;
            }
            Optional<Campaign> campaign = campaigns.find(e.workspaceId(), e.campaignId());
            if (campaign.isEmpty()) {
                return null;
            }
            Optional<Contact> contact = contacts.find(e.workspaceId(), e.contactId());
            Instant happened = event.time();
            Instant after = campaign.get().step(e.nextStep()).delay()
                    .dueAfter(happened, campaign.get().schedule().windowFor(contact.map(Contact::timeZone).orElse(null)));
            // A late report must not put the step in an hour the sequencer has already read.
            Instant due = after.isBefore(now) ? now : after;
            calendar.schedule(new DueStep(e.workspaceId(), e.campaignId(), e.contactId(), e.nextStep(), due));
            return e.resumed(due, now);
        });
    }

    /** Applies {@code change} to the contact's enrollment (null: nothing to change), retrying when another write came first. */
    private boolean change(PlatformEvent event, String campaignId, String address, java.util.function.Function<Enrollment, Enrollment> change) {
        String contactId = Contact.idOf(address);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Enrollment> found = enrollments.find(event.workspaceId(), campaignId, contactId);
            if (found.isEmpty()) {
                return false;
            }
            Enrollment next = change.apply(found.get());
            if (next == null) {
                return false;
            }
            if (enrollments.write(next, found.get().version())) {
                if (next.status() == EnrollmentStatus.STOPPED) {
                    LOG.info("contact {} of campaign {} stopped: {} (event {})", contactId, campaignId, next.stopReason().wireName(), event.id());
                }
                return true;
            }
        }
        throw new IllegalStateException("enrollment of " + contactId + " in " + campaignId + " kept changing; the event is retried");
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
