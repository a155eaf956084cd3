package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.outreach.Enrollment;
import com.penguinmails.campaigns.outreach.EnrollmentStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Enrollments in a map, with the DynamoDB store's version check. */
public class InMemoryEnrollmentStore implements EnrollmentStore {

    private final Map<String, Enrollment> enrollments = new ConcurrentHashMap<>();

    private static String key(String workspaceId, String campaignId, String contactId) {
        return workspaceId + "#" + campaignId + "#" + contactId;
    }

    @Override
    public boolean create(Enrollment enrollment) {
        return enrollments.putIfAbsent(key(enrollment.workspaceId(), enrollment.campaignId(), enrollment.contactId()), enrollment.withVersion(1)) == null;
    }

    @Override
    public Optional<Enrollment> find(String workspaceId, String campaignId, String contactId) {
        return Optional.ofNullable(enrollments.get(key(workspaceId, campaignId, contactId)));
    }

    @Override
    public synchronized boolean write(Enrollment enrollment, long expectedVersion) {
        String key = key(enrollment.workspaceId(), enrollment.campaignId(), enrollment.contactId());
        Enrollment stored = enrollments.get(key);
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        enrollments.put(key, enrollment.withVersion(expectedVersion + 1));
        return true;
    }

    @Override
    public List<Enrollment> all(String workspaceId, String campaignId) {
        return enrollments.values().stream().filter(e -> e.workspaceId().equals(workspaceId) && e.campaignId().equals(campaignId)).toList();
    }
}
