package com.penguinmails.campaigns.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.campaigns.activity.ActivityEntry;
import com.penguinmails.campaigns.activity.ActivityFeed;
import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.definition.CampaignDefinitions;
import com.penguinmails.campaigns.definition.CampaignStatus;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.campaigns.definition.Step;
import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.problems.FieldError;
import com.penguinmails.identity.approvals.Approval;
import com.penguinmails.identity.approvals.ApprovalService;
import com.penguinmails.identity.approvals.GuardedAction;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.messages.SendingResources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's life: saved as a draft (validated, every error with its path), launched (its contacts enrolled and
 * their first step put on the calendar), paused and resumed (due steps set aside and put back), archived; and its
 * progress, step by step.
 */
public final class CampaignService {

    public static final int MAX_AUDIENCE = CampaignDefinitions.MAX_NAMED_CONTACTS;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);

    private final CampaignStore campaigns;
    private final EnrollmentStore enrollments;
    private final DueSteps calendar;
    private final ContactService contacts;
    private final SendingResources resources;
    private final ApprovalService approvals;
    private final ActivityFeed activity;
    private final Clock clock;

    public CampaignService(CampaignStore campaigns, EnrollmentStore enrollments, DueSteps calendar, ContactService contacts,
                           SendingResources resources, ApprovalService approvals, ActivityFeed activity, Clock clock) {
        this.approvals = approvals;
        this.activity = activity;
        this.campaigns = campaigns;
        this.enrollments = enrollments;
        this.calendar = calendar;
        this.contacts = contacts;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * What a launch did: contacts enrolled now, and those left out (not mailable, or already enrolled by an earlier try);
     * or, when a policy asks for it, the approval the launch now waits for (and nothing else happened).
     */
    public record Launch(Campaign campaign, int enrolled, int notMailable, int missingVariables, List<String> missingVariablesExamples,
                         int alreadyEnrolled, Approval pendingApproval) {}

    public Campaign create(Caller caller, JsonNode definition) {
        String workspaceId = caller.principal().workspaceId();
        Instant now = clock.instant();
        String id = "cmp_" + Long.toString(now.toEpochMilli(), 36) + Ids.randomBase62(12);
        CampaignDefinitions.Reading reading = CampaignDefinitions.read(workspaceId, id, definition, now);
        if (reading instanceof CampaignDefinitions.Invalid invalid) {
            throw FieldError.problem("invalid-campaign", "The campaign definition has " + invalid.errors().size() + " problem(s).", invalid.errors());
        }
        Campaign campaign = ((CampaignDefinitions.Valid) reading).campaign();
        List<FieldError> errors = new ArrayList<>();
        List<String> mailboxes = campaign.sending().mailboxes();
        for (int i = 0; i < mailboxes.size(); i++) {
            if (resources.mailboxAddresses(workspaceId, mailboxes.get(i)).isEmpty()) {
                errors.add(new FieldError("sending.mailboxes[" + i + "]", "no mailbox " + mailboxes.get(i) + " in this workspace"));
            }
        }
        String pool = campaign.sending().ipPool();
        if (pool != null && !resources.poolExists(workspaceId, pool)) {
            errors.add(new FieldError("sending.ipPool", "no IP pool " + pool + " in this workspace"));
        }
        if (!errors.isEmpty()) {
            throw FieldError.problem("invalid-campaign", "The campaign names resources this workspace does not have.", errors);
        }
        campaigns.create(campaign);
        activity.record(caller.principal(), campaign.id(), "created", "Saved as a draft: " + campaign.steps().size() + " steps");
        return campaign.withVersion(1);
    }

    public Campaign get(String workspaceId, String campaignId) {
        return campaigns.find(workspaceId, campaignId).orElseThrow(() -> ApiProblem.notFound("No campaign " + campaignId + " in this workspace."));
    }

    public Page<Campaign> list(String workspaceId, String afterId, int limit) {
        return campaigns.list(workspaceId, afterId, limit);
    }

    /**
     * Launches a draft, unless a workspace policy makes a launch of this size wait for approval: then the answer is
     * the pending approval, and the launch runs (once, as approved) when the approvers agree.
     */
    public Launch launch(Caller caller, String campaignId) {
        String workspaceId = caller.principal().workspaceId();
        Campaign campaign = draft(workspaceId, campaignId);
        List<Contact> audience = audience(campaign);
        long mailable = audience.stream().filter(Contact::mailable).count();
        Optional<ApprovalService.Pending> pending = approvals.require(caller, GuardedAction.CAMPAIGN_LAUNCH, Map.of("campaignId", campaignId),
                mailable, "Launch campaign '" + campaign.name() + "' (" + campaignId + ") to " + mailable + " contacts");
        if (pending.isPresent()) {
            if (pending.get().created()) {
                activity.record(caller.principal(), campaignId, "launch-requested", "Launch waits for approval " + pending.get().approval().id());
            }
            return new Launch(campaign, 0, 0, 0, List.of(), 0, pending.get().approval());
        }
        Launch launch = enroll(campaign, audience);
        activity.record(caller.principal(), campaignId, "launched", launch.enrolled() + " contacts enrolled");
        return launch;
    }

    /** The launch an approval allowed: no second approval is asked for. */
    public Launch launchApproved(String workspaceId, String campaignId, String approvalId) {
        Campaign campaign = draft(workspaceId, campaignId);
        Launch launch = enroll(campaign, audience(campaign));
        activity.record(new Principal(workspaceId, null, "approval:" + approvalId, List.of(), 0), campaignId, "launched",
                launch.enrolled() + " contacts enrolled, as approval " + approvalId + " allowed");
        return launch;
    }

    private Campaign draft(String workspaceId, String campaignId) {
        Campaign campaign = get(workspaceId, campaignId);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw ApiProblem.conflict("campaign-not-draft", "Campaign " + campaignId + " is " + campaign.status().wireName()
                    + "; only a draft is launched (resume a paused one).");
        }
        return campaign;
    }

    /**
     * Enrolls the audience's mailable contacts (each once: a launch retried after a failure enrolls only the rest),
     * puts their first step on the calendar in their sending window, then marks the campaign running.
     */
    private Launch enroll(Campaign campaign, List<Contact> audience) {
        String workspaceId = campaign.workspaceId();
        String campaignId = campaign.id();
        Instant now = clock.instant();
        int enrolled = 0;
        int notMailable = 0;
        int already = 0;
        int missing = 0;
        List<String> missingExamples = new ArrayList<>();
        Set<String> variables = campaign.variables();
        Step first = campaign.step(1);
        for (Contact contact : audience) {
            if (!contact.mailable()) {
                notMailable++;
                continue;
            }
            Set<String> lacking = new java.util.TreeSet<>(variables);
            lacking.removeAll(contact.variables().keySet());
            if (!lacking.isEmpty()) {
                // Left out rather than sent a blank: Instantly and lemlist hold such leads back the same way.
                missing++;
                if (missingExamples.size() < 10) {
                    missingExamples.add(contact.email() + " lacks " + String.join(", ", lacking));
                }
                continue;
            }
            Instant due = first.delay().dueAfter(now, campaign.schedule().windowFor(contact.timeZone()));
            String mailbox = campaign.sending().mailboxes().isEmpty() ? null : campaign.sending().mailboxFor(contact.id());
            Enrollment enrollment = Enrollment.start(workspaceId, campaignId, contact.id(), contact.email(), mailbox, due, now);
            if (enrollments.create(enrollment)) {
                enrolled++;
            } else {
                already++;
            }
            // Also for one enrolled by an earlier, interrupted launch: a second calendar entry is stale, a missing one is not.
            calendar.schedule(new DueStep(workspaceId, campaignId, contact.id(), 1, due));
        }
        Campaign running = transition(campaign, EnumSet.of(CampaignStatus.DRAFT), CampaignStatus.RUNNING);
        LOG.info("campaign {} launched: {} contacts enrolled, {} not mailable, {} lacking a variable, {} already enrolled", campaignId, enrolled,
                notMailable, missing, already);
        return new Launch(running, enrolled, notMailable, missing, missingExamples, already, null);
    }

    public Campaign pause(Caller caller, String campaignId) {
        Campaign paused = transition(get(caller.principal().workspaceId(), campaignId), EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED);
        activity.record(caller.principal(), campaignId, "paused", "Paused: due steps are held");
        return paused;
    }

    /** Running again; every step set aside while paused goes back on the calendar, at its time or the window's next opening. */
    public Campaign resume(Caller caller, String campaignId) {
        String workspaceId = caller.principal().workspaceId();
        Campaign running = transition(get(workspaceId, campaignId), EnumSet.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING);
        Instant now = clock.instant();
        for (DueStep held : calendar.held(workspaceId, campaignId)) {
            Instant at = held.dueAt().isBefore(now) ? now : held.dueAt();
            calendar.schedule(new DueStep(held.workspaceId(), held.campaignId(), held.contactId(), held.step(), at));
            calendar.release(held);
        }
        activity.record(caller.principal(), campaignId, "resumed", "Resumed");
        return running;
    }

    public Campaign archive(Caller caller, String campaignId) {
        Campaign archived = transition(get(caller.principal().workspaceId(), campaignId),
                EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.RUNNING, CampaignStatus.PAUSED), CampaignStatus.ARCHIVED);
        activity.record(caller.principal(), campaignId, "archived", "Archived");
        return archived;
    }

    /** A comment on the campaign, in its activity feed. */
    public ActivityEntry comment(Caller caller, String campaignId, String text) {
        get(caller.principal().workspaceId(), campaignId);
        return activity.comment(caller.principal(), campaignId, text);
    }

    /** What happened to the campaign and what the team said, newest first. */
    public List<ActivityEntry> activity(String workspaceId, String campaignId, int limit) {
        get(workspaceId, campaignId);
        return activity.feed(workspaceId, campaignId, limit);
    }

    public CampaignProgress progress(Campaign campaign) {
        List<Enrollment> all = enrollments.all(campaign.workspaceId(), campaign.id());
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> stopped = new TreeMap<>();
        List<Map<String, Integer>> outcomes = new ArrayList<>();
        int[] waiting = new int[campaign.steps().size() + 1];
        campaign.steps().forEach(s -> outcomes.add(new TreeMap<>()));
        for (Enrollment e : all) {
            byStatus.merge(e.status().wireName(), 1, Integer::sum);
            if (e.stopReason() != null) {
                stopped.merge(e.stopReason().wireName(), 1, Integer::sum);
            }
            e.outcomes().forEach((step, outcome) -> {
                if (step >= 1 && step <= outcomes.size()) {
                    outcomes.get(step - 1).merge(outcome.startsWith("task:") ? "task" : outcome, 1, Integer::sum);
                }
            });
            if (e.status() == EnrollmentStatus.ACTIVE && e.nextStep() <= campaign.steps().size()) {
                waiting[e.nextStep()]++;
            }
        }
        List<CampaignProgress.StepProgress> steps = new ArrayList<>();
        for (Step step : campaign.steps()) {
            steps.add(new CampaignProgress.StepProgress(step.number(), step.kind().wireName(), outcomes.get(step.number() - 1), waiting[step.number()]));
        }
        return new CampaignProgress(all.size(), byStatus, stopped, steps);
    }

    private List<Contact> audience(Campaign campaign) {
        if (campaign.audience().named()) {
            Map<String, Contact> found = contacts.findAll(campaign.workspaceId(), campaign.audience().contactIds());
            return campaign.audience().contactIds().stream().filter(found::containsKey).map(found::get).toList();
        }
        List<Contact> selected = contacts.select(campaign.workspaceId(), campaign.audience().segment(), MAX_AUDIENCE);
        if (selected.size() > MAX_AUDIENCE) {
            throw ApiProblem.unprocessable("audience-too-large", "The segment holds more than " + MAX_AUDIENCE
                    + " mailable contacts; narrow it with tags or fields, or split the campaign.");
        }
        return selected;
    }

    private Campaign transition(Campaign campaign, Set<CampaignStatus> from, CampaignStatus to) {
        if (!from.contains(campaign.status())) {
            throw ApiProblem.conflict("campaign-status", "Campaign " + campaign.id() + " is " + campaign.status().wireName()
                    + "; it cannot become " + to.wireName() + ".");
        }
        Campaign next = campaign.withStatus(to, clock.instant());
        if (!campaigns.update(next, campaign.version())) {
            throw ApiProblem.conflict("campaign-changed", "Campaign " + campaign.id() + " changed while this request ran; read it and try again.");
        }
        return next.withVersion(campaign.version() + 1);
    }
}
