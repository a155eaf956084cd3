package com.penguinmails.campaigns.contacts;

import com.penguinmails.core.paging.Page;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where contacts are kept, one partition per workspace. */
public interface ContactStore {

    Optional<Contact> find(String workspaceId, String contactId);

    /** Up to 100 at a time, by id; missing ids are left out. */
    Map<String, Contact> findAll(String workspaceId, Collection<String> contactIds);

    /**
     * Writes {@code contact} if the stored one still has {@code expectedVersion} (0: none is stored yet), with the
     * version one higher. False when another write came first.
     */
    boolean write(Contact contact, long expectedVersion);

    /** Contacts in id order after {@code afterId} (null: from the start) that match {@code filter}, up to {@code limit}. */
    Page<Contact> list(String workspaceId, ContactFilter filter, String afterId, int limit);
}
