package com.penguinmails.core.testing;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.ResourceNames;
import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.platform.CatalogTables;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A Platform on the embedded dynalite with every catalog table created under this test's suffix. */
public final class TestPlatforms {

    private TestPlatforms() {
    }

    public static Platform withAllTables(EmbeddedDynamoDbExtension dynamo, Clock clock, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        for (TableSpec table : FunctionCatalog.load().tables()) {
            String name = table.name() + dynamo.tableSuffix();
            CatalogTables.create(dynamo.client(), table, name);
            env.put(ResourceNames.tableVariable(table.name()), name);
        }
        return Platform.create(env, dynamo.client(), null, clock);
    }
}
