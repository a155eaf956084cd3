package com.penguinmails.sending.domains;

import com.penguinmails.core.paging.Page;
import java.util.Optional;

public interface DomainStore {

    /** False when the workspace already has this domain. */
    boolean create(Domain domain);

    Optional<Domain> find(String workspaceId, String domainId);

    void save(Domain domain);

    Page<Domain> list(String workspaceId, String afterPosition, int limit);
}
