package com.penguinmails.campaigns.outreach;

import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.contacts.ContactStatus;
import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.definition.CampaignStatus;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.campaigns.definition.Step;
import com.penguinmails.campaigns.definition.StepKind;
import com.penguinmails.campaigns.definition.Variant;
import com.penguinmails.campaigns.sequences.FollowUpThread;
import com.penguinmails.sending.mailboxes.SendingWindow;
import com.penguinmails.sending.messages.SendingResources;
import com.penguinmails.sending.messages.Submission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute: sends the sequence steps that have come due. For each due step it checks that the campaign runs,
 * that the contact is still at that step and still mailable, and that the step's condition holds; then it sends the
 * email (at most once per contact and step, see {@link StepSender}), threaded under the contact's first email when
 * the step has no subject of its own, puts the next step on the calendar, and moves the enrollment by a conditional
 * write. A run that stops anywhere in between is repeated by the next one without sending twice.
 */
public final class Sequencer {

    /** What one run did; {@code more} when it stopped at its budget with due steps left for the next run. */
    public record Summary(int due, int sent, int skipped, int tasks, int stopped, int held, int stale, int failed, boolean more) {}

    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final CampaignStore campaigns;
    private final EnrollmentStore enrollments;
    private final DueSteps calendar;
    private final ContactService contacts;
    private final StepSender sender;
    private final SendingResources resources;
    private final Clock clock;
    private final int budget;

    public Sequencer(CampaignStore campaigns, EnrollmentStore enrollments, DueSteps calendar, ContactService contacts, StepSender sender,
                     SendingResources resources, Clock clock, int budget) {
        this.campaigns = campaigns;
        this.enrollments = enrollments;
        this.calendar = calendar;
        this.contacts = contacts;
        this.sender = sender;
        this.resources = resources;
        this.clock = clock;
        this.budget = budget;
    }

    /** The key a step's email is sent under: one email per contact, campaign and step, ever. */
    public static String stepKey(String campaignId, String contactId, int step) {
        return "sequence#" + campaignId + "#" + contactId + "#" + step;
    }

    public Summary run() {
        Instant now = clock.instant();
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        // The first run ever reads back a day, so steps put on the calendar before it are not passed over.
        Instant hour = calendar.watermark().filter(h -> !h.isAfter(currentHour)).orElse(currentHour.minus(Duration.ofDays(1)));
        Counter counter = new Counter();
        Map<String, Optional<Campaign>> campaignCache = new HashMap<>();
        boolean clean = true;
        int left = budget;
        boolean more = false;
        for (; !hour.isAfter(currentHour); hour = hour.plus(HOUR)) {
            List<DueStep> due = calendar.due(hour, now, left);
            int failedBefore = counter.failed;
            for (DueStep step : due) {
                counter.due++;
                process(step, now, campaignCache, counter);
            }
            left -= due.size();
            clean &= counter.failed == failedBefore;
            if (left <= 0) {
                more = true;
                break;
            }
            if (clean && hour.isBefore(currentHour)) {
                calendar.advanceWatermark(hour.plus(HOUR));
            }
        }
        Summary summary = new Summary(counter.due, counter.sent, counter.skipped, counter.tasks, counter.stopped, counter.held, counter.stale,
                counter.failed, more);
        if (summary.due() > 0) {
            LOG.info("sequencer: {} due, {} sent, {} skipped by their condition, {} tasks, {} stopped, {} held (paused), {} stale, {} failed{}",
                    summary.due(), summary.sent(), summary.skipped(), summary.tasks(), summary.stopped(), summary.held(), summary.stale(),
                    summary.failed(), more ? "; more are due, the next run goes on" : "");
        }
        return summary;
    }

    private void process(DueStep due, Instant now, Map<String, Optional<Campaign>> campaignCache, Counter counter) {
        try {
            Optional<Campaign> campaign = campaignCache.computeIfAbsent(due.workspaceId() + "#" + due.campaignId(),
                    k -> campaigns.find(due.workspaceId(), due.campaignId()));
            if (campaign.isEmpty() || campaign.get().status() == CampaignStatus.ARCHIVED || !campaign.get().hasStep(due.step())) {
                calendar.remove(due);
                counter.stale++;
                return;
            }
            if (campaign.get().status() != CampaignStatus.RUNNING) {
                // Read again before setting the step aside: a resume since this run began has already put the held steps back.
                campaign = campaigns.find(due.workspaceId(), due.campaignId());
                campaignCache.put(due.workspaceId() + "#" + due.campaignId(), campaign);
            }
            if (campaign.isPresent() && campaign.get().status() != CampaignStatus.RUNNING) {
                calendar.hold(due);
                counter.held++;
                return;
            }
            if (campaign.isEmpty()) {
                calendar.remove(due);
                counter.stale++;
                return;
            }
            Optional<Enrollment> found = enrollments.find(due.workspaceId(), due.campaignId(), due.contactId());
            if (found.isEmpty() || found.get().status() != EnrollmentStatus.ACTIVE || found.get().nextStep() != due.step()) {
                calendar.remove(due);
                counter.stale++;
                return;
            }
            Enrollment enrollment = found.get();
            Optional<Contact> contact = contacts.find(due.workspaceId(), due.contactId());
            if (contact.isEmpty() || !contact.get().mailable()) {
                stop(enrollment, contact.map(c -> reasonFor(c.status())).orElse(StopReason.NOT_MAILABLE), now);
                calendar.remove(due);
                counter.stopped++;
                return;
            }
            advance(campaign.get(), campaign.get().step(due.step()), enrollment, contact.get(), due, now, counter);
            calendar.remove(due);
        } catch (RuntimeException e) {
            counter.failed++;
            LOG.warn("due step {} of contact {} in campaign {} failed; the next run tries it again", due.step(), due.contactId(), due.campaignId(), e);
        }
    }

    private void advance(Campaign campaign, Step step, Enrollment enrollment, Contact contact, DueStep due, Instant now, Counter counter) {
        SendingWindow window = campaign.schedule().windowFor(contact.timeZone());
        boolean last = step.number() == campaign.steps().size();
        Step following = last ? null : campaign.step(step.number() + 1);
        if (!step.condition().holds(enrollment.opened(), enrollment.clicked())) {
            Instant next = last ? null : following.delay().dueAfter(due.dueAt(), window);
            move(enrollment, enrollment.afterStep("skipped", null, null, next, false, last, now), campaign, next);
            counter.skipped++;
            return;
        }
        if (step.kind() == StepKind.TASK) {
            // The task is now the contact's; the next step waits for its channel's activity (SequenceEvents resumes it).
            move(enrollment, enrollment.afterStep("task:" + step.channel(), null, null, null, !last, last, now), campaign, null);
            counter.tasks++;
            return;
        }
        Variant variant = step.variantFor(contact.id());
        Map<String, String> headers = new LinkedHashMap<>();
        String subject = variant.subject();
        if (!enrollment.threadIds().isEmpty() && enrollment.firstSubject() != null) {
            FollowUpThread thread = new FollowUpThread(enrollment.threadIds(), enrollment.firstSubject());
            headers.put("In-Reply-To", thread.inReplyTo());
            headers.put("References", thread.references());
            if (subject == null) {
                subject = thread.replySubject();
            }
        }
        if (subject == null) {
            // A follow-up without a subject for a contact whose earlier steps were all skipped: it opens the thread.
            subject = firstSubject(campaign);
        }
        String from = campaign.sending().from();
        String mailbox = null;
        if (enrollment.mailbox() != null) {
            mailbox = enrollment.mailbox();
            from = resources.mailboxAddresses(campaign.workspaceId(), mailbox).map(SendingResources.MailboxAddresses::address)
                    .orElseThrow(() -> new IllegalStateException("mailbox " + enrollment.mailbox() + " of campaign " + campaign.id() + " is gone"));
        }
        Submission submission = new Submission(from, null, subject, variant.html(), variant.text(), headers,
                List.of(new Submission.Recipient(contact.email(), contact.variables())), campaign.id(), List.of(),
                campaign.sending().ipPool(), mailbox, null, campaign.trackOpens(), campaign.trackClicks());
        StepSender.SentEmail sent;
        try {
            sent = sender.send(campaign.workspaceId(), stepKey(campaign.id(), contact.id(), step.number()), submission);
        } catch (StepSender.Refused refused) {
            LOG.info("contact {} of campaign {} stopped at step {}: {}", contact.id(), campaign.id(), step.number(), refused.getMessage());
            stop(enrollment, refused.reason(), now);
            counter.stopped++;
            return;
        }
        Instant next = last ? null : following.delay().dueAfter(sent.acceptedAt(), window);
        move(enrollment, enrollment.afterStep(variant.id(), sent.messageIdHeader(), subject, next, false, last, now), campaign, next);
        counter.sent++;
    }

    /** Puts the next step on the calendar first, then moves the enrollment: a stale calendar entry is harmless, a missing one is not. */
    private void move(Enrollment before, Enrollment after, Campaign campaign, Instant next) {
        if (next != null) {
            calendar.schedule(new DueStep(campaign.workspaceId(), campaign.id(), before.contactId(), after.nextStep(), next));
        }
        if (!enrollments.write(after, before.version())) {
            LOG.info("contact {} of campaign {} changed while its step {} ran (a reply or a bounce); the newer state stands",
                    before.contactId(), campaign.id(), before.nextStep());
        }
    }

    private void stop(Enrollment enrollment, StopReason reason, Instant now) {
        enrollments.write(enrollment.stopped(reason, now), enrollment.version());
    }

    private static String firstSubject(Campaign campaign) {
        return campaign.steps().stream().flatMap(s -> s.variants().stream()).map(Variant::subject).filter(s -> s != null).findFirst()
                .orElseThrow();
    }

    static StopReason reasonFor(ContactStatus status) {
        return switch (status) {
            case BOUNCED -> StopReason.BOUNCED;
            case UNSUBSCRIBED -> StopReason.UNSUBSCRIBED;
            case COMPLAINED -> StopReason.COMPLAINED;
            case ACTIVE -> StopReason.NOT_MAILABLE;
        };
    }

    private static final class Counter {
        int due;
        int sent;
        int skipped;
        int tasks;
        int stopped;
        int held;
        int stale;
        int failed;
    }
}
