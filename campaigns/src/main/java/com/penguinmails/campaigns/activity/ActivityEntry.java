package com.penguinmails.campaigns.activity;

import java.time.Instant;

/**
 * One line of a campaign's (or an approval request's) activity feed: something that happened to it, or a comment.
 *
 * @param subjectId the campaign ({@code cmp_...}) or approval request ({@code apr_...}) it is about
 * @param kind      created, launched, launch-requested, paused, resumed, archived, or comment
 * @param actor     who: {@code apikey:...}, or {@code member:...} when a member's key acted
 * @param text      the comment, or a sentence saying what happened
 */
public record ActivityEntry(String subjectId, String id, String kind, String actor, String memberId, String text, Instant at) {
}
