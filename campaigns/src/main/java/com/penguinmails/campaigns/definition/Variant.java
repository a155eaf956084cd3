package com.penguinmails.campaigns.definition;

import com.penguinmails.sending.messages.Templates;
import java.util.Set;
import java.util.TreeSet;

/**
 * One version of an email step for an A/B test. A follow-up without a subject is a reply in the first email's
 * thread ("Re: " and the first subject).
 *
 * @param id      a, b, ... as the caller named it; reported in the step's progress
 * @param subject the subject template, or null for a threaded follow-up
 * @param weight  its share of the step's contacts, relative to the other variants' weights
 */
public record Variant(String id, String subject, String html, String text, int weight) {

    /** The template variables its subject and bodies use ({@code {{firstName}}}, custom fields): each contact needs them all. */
    public Set<String> variables() {
        Set<String> names = new TreeSet<>();
        for (String template : new String[] {subject, html, text}) {
            if (template != null) {
                names.addAll(Templates.variables(Templates.compile("template", template)));
            }
        }
        return names;
    }
}
