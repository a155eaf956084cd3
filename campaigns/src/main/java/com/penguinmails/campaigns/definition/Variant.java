package com.penguinmails.campaigns.definition;

/**
 * One version of an email step for an A/B test. A follow-up without a subject is a reply in the first email's
 * thread ("Re: " and the first subject).
 *
 * @param id      a, b, ... as the caller named it; reported in the step's progress
 * @param subject the subject template, or null for a threaded follow-up
 * @param weight  its share of the step's contacts, relative to the other variants' weights
 */
public record Variant(String id, String subject, String html, String text, int weight) {
}
