package com.penguinmails.sending.suppressions;

import com.penguinmails.core.paging.Page;
import java.time.Instant;
import java.util.List;

public interface SuppressionStore {

    /** Adds a suppression; an existing one for the same address and scope is kept (the first reason stands). */
    boolean add(Suppression suppression);

    /** Every scope under which {@code email} is suppressed (one query). */
    List<Suppression> find(String workspaceId, String email);

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
