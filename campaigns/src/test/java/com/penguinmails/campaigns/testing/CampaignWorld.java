package com.penguinmails.campaigns.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.penguinmails.campaigns.activity.ActivityFeed;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.outreach.CampaignService;
import com.penguinmails.campaigns.outreach.DueSteps;
import com.penguinmails.campaigns.outreach.EnrollmentStore;
import com.penguinmails.campaigns.outreach.SequenceEvents;
import com.penguinmails.campaigns.outreach.Sequencer;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.identity.approvals.ActionRunner;
import com.penguinmails.identity.approvals.ApprovalService;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.messages.SendingResources;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Contacts, campaigns and the sequencer wired on in-memory stores and a clock the test moves: the services are the
 * real ones, only storage and sending are doubles.
 */
public final class CampaignWorld {

    public static final String WORKSPACE = "ws_test";
    public static final String POOL = "pool_test";
    public static final String MAILBOX = "mbx_test";

    public final TestClock clock;
    public final InMemoryContactStore contactStore = new InMemoryContactStore();
    public final InMemoryCampaignStore campaignStore = new InMemoryCampaignStore();
    public final InMemoryDueSteps calendar = new InMemoryDueSteps();
    public final RecordingStepSender sender;
    public final ContactService contacts;
    public final CampaignService campaigns;
    public final SequenceEvents events;
    private final EnrollmentStore enrollments;
    private final SendingResources resources = new SendingResources() {
        @Override
        public boolean poolExists(String workspaceId, String poolId) {
            return POOL.equals(poolId);
        }

        @Override
        public Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId) {
            return MAILBOX.equals(mailboxId) ? Optional.of(new MailboxAddresses("sam@acme.test", List.of())) : Optional.empty();
        }
    };

    public CampaignWorld(Instant start) {
        this(start, new InMemoryEnrollmentStore());
    }

    public CampaignWorld(Instant start, EnrollmentStore enrollments) {
        this.clock = new TestClock(start);
        this.enrollments = enrollments;
        this.sender = new RecordingStepSender(clock);
        this.contacts = new ContactService(contactStore, clock);
        this.campaigns = new CampaignService(campaignStore, enrollments, calendar, contacts, resources,
                new ApprovalService(new NoApprovalPolicies(), null, ActionRunner.NONE, null, clock),
                new ActivityFeed(new InMemoryActivityStore(), clock), clock);
        this.events = new SequenceEvents(campaignStore, enrollments, calendar, contacts, clock);
    }

    public Sequencer sequencer() {
        return new Sequencer(campaignStore, enrollments, calendar, contacts, sender, resources, clock, 1000);
    }

    /** The workspace's owner key, as the authorizer would hand it to a handler. */
    public Caller owner() {
        return new Caller(new Principal(WORKSPACE, "key_test", "apikey:key_test", List.of("full"), 100), "203.0.113.7");
    }

    public EnrollmentStore enrollments() {
        return enrollments;
    }

    public DueSteps due() {
        return calendar;
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A platform event of {@code type} for this workspace, now, with {@code data}. */
    public PlatformEvent event(EventType type, String data) {
        return PlatformEvent.builder(type).id(UUID.randomUUID().toString()).source("/test").time(clock.instant()).workspaceId(WORKSPACE)
                .data((ObjectNode) json(data)).build();
    }
}
