package com.penguinmails.campaigns.activity;

import java.util.List;

/** Activity feeds, one partition per workspace and subject, in time order. */
public interface ActivityStore {

    void append(String workspaceId, ActivityEntry entry);

    /** Newest first, at most {@code limit}. */
    List<ActivityEntry> recent(String workspaceId, String subjectId, int limit);
}
