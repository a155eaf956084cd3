package com.penguinmails.sending.testing;

import com.penguinmails.core.paging.Page;
import com.penguinmails.sending.domains.Domain;
import com.penguinmails.sending.domains.DomainStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Domains in memory: one per name and workspace, listed in name order and paged by name, as in DynamoDB. */
public final class InMemoryDomainStore implements DomainStore {

    private final Map<String, TreeMap<String, Domain>> byWorkspace = new HashMap<>();

    @Override
    public synchronized boolean create(Domain domain) {
        return domains(domain.workspaceId()).putIfAbsent(domain.id(), domain) == null;
    }

    @Override
    public synchronized Optional<Domain> find(String workspaceId, String domainId) {
        return Optional.ofNullable(domains(workspaceId).get(domainId));
    }

    @Override
    public synchronized void save(Domain domain) {
        domains(domain.workspaceId()).put(domain.id(), domain);
    }

    @Override
    public synchronized Page<Domain> list(String workspaceId, String afterPosition, int limit) {
        var after = afterPosition == null ? domains(workspaceId) : domains(workspaceId).tailMap(afterPosition, false);
        List<Domain> items = new ArrayList<>();
        for (Domain domain : after.values()) {
            if (items.size() == limit) {
                return new Page<>(items, items.get(items.size() - 1).id());
            }
            items.add(domain);
        }
        return new Page<>(items, null);
    }

    private TreeMap<String, Domain> domains(String workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, ws -> new TreeMap<>());
    }
}
