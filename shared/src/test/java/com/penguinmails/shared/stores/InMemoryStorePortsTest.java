package com.penguinmails.shared.stores;

import com.penguinmails.shared.apikeys.ApiKeyStore;
import com.penguinmails.shared.domains.DomainStore;
import com.penguinmails.shared.ips.IpStore;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.suppressions.SuppressionStore;
import com.penguinmails.shared.testing.InMemoryApiKeyStore;
import com.penguinmails.shared.testing.InMemoryDomainStore;
import com.penguinmails.shared.testing.InMemoryDueMessages;
import com.penguinmails.shared.testing.InMemoryIpStore;
import com.penguinmails.shared.testing.InMemorySuppressionStore;
import com.penguinmails.shared.testing.InMemoryWorkspaceStore;
import com.penguinmails.shared.workspaces.WorkspaceStore;

/** {@link StorePortsContract} on the in-memory fakes. */
class InMemoryStorePortsTest extends StorePortsContract {

    @Override
    SuppressionStore suppressions() {
        return new InMemorySuppressionStore();
    }

    @Override
    DomainStore domains() {
        return new InMemoryDomainStore();
    }

    @Override
    ApiKeyStore apiKeys() {
        return new InMemoryApiKeyStore();
    }

    @Override
    WorkspaceStore workspaces() {
        return new InMemoryWorkspaceStore();
    }

    @Override
    IpStore ips() {
        return new InMemoryIpStore();
    }

    @Override
    DueMessages due() {
        return new InMemoryDueMessages();
    }
}
