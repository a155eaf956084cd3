package com.penguinmails.sending.placement;

import com.penguinmails.sending.mailboxes.PlacementFolder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Placement tests, one item each, keyed by workspace and test id (see internal.DynamoDbPlacementTestStore). */
public interface PlacementTestStore {

    void create(PlacementTest test);

    Optional<PlacementTest> find(String workspaceId, String testId);

    /** The workspace's most recent tests first, at most {@code limit}. */
    List<PlacementTest> recent(String workspaceId, int limit);

    /**
     * Records where a seed found its copy, once: false when there is no such test or seed copy in the workspace, or
     * the copy was recorded before (a re-read mailbox changes nothing).
     */
    boolean recordObserved(String workspaceId, String testId, String seedMailboxId, PlacementFolder folder,
                           Instant observedAt);

    /** Records why a copy could not be sent. */
    void recordSendError(String workspaceId, String testId, String seedMailboxId, String error);
}
