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
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** A Platform on the embedded dynalite with every catalog table created under this test's suffix. */
public final class TestPlatforms {

    private TestPlatforms() {
    }

    public static Platform withAllTables(EmbeddedDynamoDbExtension dynamo, Clock clock, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        java.util.List<String> created = new java.util.ArrayList<>();
        for (TableSpec table : FunctionCatalog.load().tables()) {
            String name = table.name() + dynamo.tableSuffix();
            CatalogTables.create(dynamo.client(), table, name);
            env.put(ResourceNames.tableVariable(table.name()), name);
            created.add(name);
        }
        created.forEach(name -> awaitActive(dynamo, name));
        return Platform.create(env, dynamo.client(), null, clock);
    }

    /**
     * dynalite answers CreateTable with the table CREATING and turns it ACTIVE a timer tick later; until then a write
     * to it is "Requested resource not found". A busy machine stretches that tick enough for a test's first write.
     */
    private static void awaitActive(EmbeddedDynamoDbExtension dynamo, String table) {
        for (int tries = 0; tries < 500; tries++) {
            if (dynamo.client().describeTable(r -> r.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("table " + table + " did not become ACTIVE within 5 s");
    }
}
