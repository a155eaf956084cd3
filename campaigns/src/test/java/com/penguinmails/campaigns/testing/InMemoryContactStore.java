package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactFilter;
import com.penguinmails.campaigns.contacts.ContactStore;
import com.penguinmails.core.paging.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Contacts in a map, with the DynamoDB store's version check. */
public final class InMemoryContactStore implements ContactStore {

    private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    public int writes;

    private static String key(String workspaceId, String contactId) {
        return workspaceId + "#" + contactId;
    }

    @Override
    public Optional<Contact> find(String workspaceId, String contactId) {
        return Optional.ofNullable(contacts.get(key(workspaceId, contactId)));
    }

    @Override
    public Map<String, Contact> findAll(String workspaceId, Collection<String> contactIds) {
        Map<String, Contact> found = new HashMap<>();
        contactIds.forEach(id -> find(workspaceId, id).ifPresent(c -> found.put(id, c)));
        return found;
    }

    @Override
    public synchronized boolean write(Contact contact, long expectedVersion) {
        Contact stored = contacts.get(key(contact.workspaceId(), contact.id()));
        if ((stored == null ? 0 : stored.version()) != expectedVersion) {
            return false;
        }
        writes++;
        contacts.put(key(contact.workspaceId(), contact.id()), contact.toBuilder().version(expectedVersion + 1).build());
        return true;
    }

    @Override
    public Page<Contact> list(String workspaceId, ContactFilter filter, String afterId, int limit) {
        TreeMap<String, Contact> ordered = new TreeMap<>();
        contacts.values().stream().filter(c -> c.workspaceId().equals(workspaceId)).forEach(c -> ordered.put(c.id(), c));
        List<Contact> page = new ArrayList<>();
        for (Contact contact : (afterId == null ? ordered : ordered.tailMap(afterId, false)).values()) {
            if (filter.matches(contact)) {
                page.add(contact);
                if (page.size() == limit) {
                    return new Page<>(page, contact.id());
                }
            }
        }
        return new Page<>(page, null);
    }
}
