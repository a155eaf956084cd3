package com.penguinmails.sending.suppressions;

import com.penguinmails.core.paging.Page;
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
}
