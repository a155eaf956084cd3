package com.penguinmails.shared.stores;

import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.shared.apikeys.ApiKeyStore;
import com.penguinmails.shared.domains.DomainStore;
import com.penguinmails.shared.domains.internal.DynamoDbDomainStore;
import com.penguinmails.shared.ips.IpStore;
import com.penguinmails.shared.messages.DueMessages;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.suppressions.SuppressionStore;
import com.penguinmails.shared.suppressions.internal.DynamoDbSuppressionStore;
import com.penguinmails.shared.testing.TestClock;
import com.penguinmails.shared.testing.TestPlatforms;
import com.penguinmails.shared.wiring.Services;
import com.penguinmails.shared.workspaces.WorkspaceStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StorePortsContract} on the DynamoDB stores (dynalite). */
class DynamoDbStorePortsTest extends StorePortsContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private Platform platform;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, new TestClock(NOW), Map.of());
    }

    @Override
    SuppressionStore suppressions() {
        return new DynamoDbSuppressionStore(platform.dynamoDb(), platform.tableName("suppressions"));
    }

    @Override
    DomainStore domains() {
        return new DynamoDbDomainStore(platform.dynamoDb(), platform.tableName("domains"));
    }

    @Override
    ApiKeyStore apiKeys() {
        return Services.apiKeyStore(platform);
    }

    @Override
    WorkspaceStore workspaces() {
        return Services.workspaceStore(platform);
    }

    @Override
    IpStore ips() {
        return Services.ipStore(platform);
    }

    @Override
    DueMessages due() {
        return Services.dueMessages(platform);
    }
}
