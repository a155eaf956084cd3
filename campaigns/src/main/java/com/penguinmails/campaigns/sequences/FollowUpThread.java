package com.penguinmails.campaigns.sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a follow-up read as a reply in the contact's mail client: {@code In-Reply-To} the previous step's
 * Message-ID, {@code References} the whole chain (RFC 5322 section 3.6.4), and the first step's subject with one
 * "Re: " in front. Gmail and Outlook group a conversation by these headers and the subject, so a follow-up shows
 * under the first email instead of as a new cold email.
 *
 * @param messageIds the Message-IDs of the steps sent so far, first first, each with its angle brackets
 * @param subject    the first step's subject
 */
public record FollowUpThread(List<String> messageIds, String subject) {

    /** How many Message-IDs {@code References} keeps: the first and the most recent, as RFC 5322 suggests trimming. */
    static final int MAX_REFERENCES = 20;

    /** A reply or forward prefix in the languages our users' contacts most often use ("Re:", "AW:", "SV:", ...). */
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|aw|sv|antw|ref|rif|r|vs)\\s*(\\[\\d+\\])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);

    public FollowUpThread {
        messageIds = List.copyOf(messageIds);
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a follow-up needs the Message-ID of at least the first step");
        }
        for (String id : messageIds) {
            if (id == null || !id.startsWith("<") || !id.endsWith(">") || id.length() < 5) {
                throw new IllegalArgumentException("a Message-ID is written <local@domain>, not " + id);
            }
        }
        if (subject == null) {
            throw new IllegalArgumentException("the first step's subject is needed");
        }
    }

    public String inReplyTo() {
        return messageIds.get(messageIds.size() - 1);
    }

    /** The chain, space-separated; past {@value #MAX_REFERENCES} ids the first and the latest ones. */
    public String references() {
        List<String> kept = messageIds;
        if (kept.size() > MAX_REFERENCES) {
            kept = new ArrayList<>();
            kept.add(messageIds.get(0));
            kept.addAll(messageIds.subList(messageIds.size() - (MAX_REFERENCES - 1), messageIds.size()));
        }
        return String.join(" ", kept);
    }

    /** "Re: " and the first subject without any reply prefixes it already had, so it never reads "Re: Re: ...". */
    public String replySubject() {
        String bare = REPLY_PREFIX.matcher(subject).replaceFirst("").strip();
        return "Re: " + bare;
    }

    /** Whether {@code candidate} is this thread's subject as a reply would carry it (any prefix, any case). */
    public boolean isReplySubject(String candidate) {
        return candidate != null && REPLY_PREFIX.matcher(candidate).replaceFirst("").strip().toLowerCase(Locale.ROOT)
                .equals(REPLY_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(Locale.ROOT));
    }
}
