package com.penguinmails.sending.suppressions;

import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public interface SuppressionStore {

    /** Adds a suppression; an existing one for the same address and scope is kept (the first reason stands). */
    boolean add(Suppression suppression);

    /** Every scope under which {@code email} is suppressed (one query). */
    List<Suppression> find(String workspaceId, String email);

    /**
     * {@link #find} for many addresses at once: every address given maps to the scopes it is suppressed under (an
     * empty list: none). A store may answer a sparse list in far fewer reads than one per address.
     */
    default Map<String, List<Suppression>> findAll(String workspaceId, Collection<String> emails) {
        Map<String, List<Suppression>> found = new HashMap<>();
        for (String email : emails) {
            found.computeIfAbsent(email, e -> find(workspaceId, e));
        }
        return found;
    }

    boolean remove(String workspaceId, String email, String scope);

    Page<Suppression> list(String workspaceId, String afterPosition, int limit);

    /** Counts a soft bounce for the address and returns the new count. */
    int countSoftBounce(String workspaceId, String email);

    /**
     * Notes {@code suppression} in its workspace's time-ordered record of additions (by its {@code createdAt}), kept
     * at least until {@code keepUntil}; the same suppression noted twice is one entry. Listing and {@link #find} never
     * see the record.
     */
    void recordAddition(Suppression suppression, Instant keepUntil);

    /**
     * The workspace's recorded additions from {@code from} (included) to {@code until} (excluded; null: no end), oldest
     * first, at most {@code max} of them (one query): a list of {@code max} may have more behind it.
     */
    List<SuppressionAddition> additions(String workspaceId, Instant from, Instant until, int max);
}
