package com.penguinmails.campaigns.activity;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What happened to a campaign or an approval request, and what the team said about it: lifecycle entries are
 * recorded by the services that change them, comments by people through the API.
 */
public final class ActivityFeed {

    public static final int MAX_COMMENT = 5000;

    private final ActivityStore store;
    private final Clock clock;

    public ActivityFeed(ActivityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records what happened to {@code subjectId}, done by {@code by}. */
    public ActivityEntry record(Principal by, String subjectId, String kind, String text) {
        Instant now = clock.instant();
        ActivityEntry entry = new ActivityEntry(subjectId, "act_" + Long.toString(now.toEpochMilli(), 36) + Ids.randomBase62(10), kind,
                actorOf(by), by.memberId(), text, now);
        store.append(by.workspaceId(), entry);
        return entry;
    }

    /** A comment on {@code subjectId}; the caller has checked that the subject is the workspace's. */
    public ActivityEntry comment(Principal by, String subjectId, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_COMMENT) {
            throw ApiProblem.invalidField("text", "text is the comment: 1 to " + MAX_COMMENT + " characters.");
        }
        return record(by, subjectId, "comment", body);
    }

    public List<ActivityEntry> feed(String workspaceId, String subjectId, int limit) {
        return store.recent(workspaceId, subjectId, limit);
    }

    private static String actorOf(Principal by) {
        return by.memberId() != null ? "member:" + by.memberId() : by.actor();
    }
}
