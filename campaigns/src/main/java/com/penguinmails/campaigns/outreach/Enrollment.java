package com.penguinmails.campaigns.outreach;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One contact in one campaign: the next step and when it is due, the thread its emails form, what the contact did
 * (for step conditions), and what each step did ({@code outcomes}: the variant sent, or "skipped", or "task").
 * Every change is a conditional write on {@code version}, so two runs of the sequencer never both move it.
 *
 * @param threadIds  the Message-IDs ({@code <msg_...@domain>}) of the contact's emails so far, oldest first
 * @param mailbox    the mailbox the contact's thread goes through (null for a pool campaign)
 */
public record Enrollment(String workspaceId, String campaignId, String contactId, String email, int nextStep, Instant dueAt,
                         EnrollmentStatus status, StopReason stopReason, String mailbox, List<String> threadIds, String firstSubject,
                         boolean opened, boolean clicked, Map<Integer, String> outcomes, Instant updatedAt, long version) {

    public Enrollment {
        threadIds = threadIds == null ? List.of() : List.copyOf(threadIds);
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }

    /** A contact just enrolled, its first step due at {@code dueAt}. */
    public static Enrollment start(String workspaceId, String campaignId, String contactId, String email, String mailbox, Instant dueAt, Instant now) {
        return new Enrollment(workspaceId, campaignId, contactId, email, 1, dueAt, EnrollmentStatus.ACTIVE, null, mailbox, List.of(), null,
                false, false, Map.of(), now, 0);
    }

    public boolean moving() {
        return status == EnrollmentStatus.ACTIVE || status == EnrollmentStatus.WAITING;
    }

    /**
     * Step {@code nextStep} is done ({@code outcome} says how); {@code following} is the next step's due time, or null
     * when that was the last step (or the next waits for a task's activity: then {@code waiting}).
     */
    public Enrollment afterStep(String outcome, String threadId, String subject, Instant following, boolean waiting, boolean last, Instant now) {
        List<String> thread = new java.util.ArrayList<>(threadIds);
        if (threadId != null) {
            thread.add(threadId);
        }
        Map<Integer, String> done = new LinkedHashMap<>(outcomes);
        done.put(nextStep, outcome);
        EnrollmentStatus next = last ? EnrollmentStatus.FINISHED : waiting ? EnrollmentStatus.WAITING : EnrollmentStatus.ACTIVE;
        return new Enrollment(workspaceId, campaignId, contactId, email, last ? nextStep : nextStep + 1, last ? null : following, next, null,
                mailbox, thread, firstSubject == null ? subject : firstSubject, opened, clicked, done, now, version);
    }

    /** The task the contact waited for happened: its next step is due at {@code dueAt}. */
    public Enrollment resumed(Instant due, Instant now) {
        return new Enrollment(workspaceId, campaignId, contactId, email, nextStep, due, EnrollmentStatus.ACTIVE, null, mailbox, threadIds,
                firstSubject, opened, clicked, outcomes, now, version);
    }

    public Enrollment stopped(StopReason reason, Instant now) {
        return new Enrollment(workspaceId, campaignId, contactId, email, nextStep, null, EnrollmentStatus.STOPPED, reason, mailbox, threadIds,
                firstSubject, opened, clicked, outcomes, now, version);
    }

    public Enrollment engaged(boolean open, boolean click, Instant now) {
        return new Enrollment(workspaceId, campaignId, contactId, email, nextStep, dueAt, status, stopReason, mailbox, threadIds,
                firstSubject, opened || open || click, clicked || click, outcomes, now, version);
    }

    public Enrollment withVersion(long next) {
        return new Enrollment(workspaceId, campaignId, contactId, email, nextStep, dueAt, status, stopReason, mailbox, threadIds,
                firstSubject, opened, clicked, outcomes, updatedAt, next);
    }
}
