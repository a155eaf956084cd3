package com.penguinmails.analytics.funnel;

import com.penguinmails.core.paging.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where each campaign's funnel entries are kept: one per contact, written only at the version it was read at. */
public interface FunnelStore {

    /** The stored entries of these keys, read consistently; a key with none is absent from the answer. */
    Map<FunnelKey, FunnelContact> load(Collection<FunnelKey> keys);

    /**
     * Writes {@code contact} at {@code contact.version() + 1} if the store still holds it at {@code contact.version()}
     * (0: holds none). False when someone wrote it in between; the caller reads it again and re-applies its steps.
     */
    boolean save(FunnelContact contact);

    /** Every entry of the campaign (for the totals). */
    List<FunnelContact> all(String workspaceId, String campaignId);

    /** A page of the campaign's entries by contact, after {@code afterContact} (null: from the first). */
    Page<FunnelContact> page(String workspaceId, String campaignId, String afterContact, int limit);
}
