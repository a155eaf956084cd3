package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.activity.ActivityEntry;
import com.penguinmails.campaigns.activity.ActivityStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Activity in a list. */
final class InMemoryActivityStore implements ActivityStore {

    private final List<ActivityEntry> entries = new ArrayList<>();
    private final List<String> workspaces = new ArrayList<>();

    @Override
    public synchronized void append(String workspaceId, ActivityEntry entry) {
        entries.add(entry);
        workspaces.add(workspaceId);
    }

    @Override
    public synchronized List<ActivityEntry> recent(String workspaceId, String subjectId, int limit) {
        List<ActivityEntry> found = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (workspaces.get(i).equals(workspaceId) && entries.get(i).subjectId().equals(subjectId)) {
                found.add(entries.get(i));
            }
        }
        found.sort(Comparator.comparing(ActivityEntry::at).reversed());
        return found.stream().limit(limit).toList();
    }
}
