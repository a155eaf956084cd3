package com.penguinmails.campaigns.outreach;

import java.util.List;
import java.util.Optional;

/** Where enrollments are kept: one partition per campaign, one item per contact. */
public interface EnrollmentStore {

    /** False when the contact is already enrolled. */
    boolean create(Enrollment enrollment);

    Optional<Enrollment> find(String workspaceId, String campaignId, String contactId);

    /** Writes {@code enrollment} if the stored one still has {@code expectedVersion}; the stored version becomes one higher. */
    boolean write(Enrollment enrollment, long expectedVersion);

    List<Enrollment> all(String workspaceId, String campaignId);
}
