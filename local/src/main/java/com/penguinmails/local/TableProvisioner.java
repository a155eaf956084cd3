package com.penguinmails.local;

import com.penguinmails.catalog.TableSpec;
import com.penguinmails.core.platform.CatalogTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the catalog's tables ({@link CatalogTables}: as CDK does) and waits until they are usable. Existing tables are kept, so a persistent data directory survives restarts.
 * TTL is not switched on: dynalite has no UpdateTimeToLive, so expired items simply stay locally.
 */
final class TableProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final DynamoDbClient dynamoDb;

    TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    void createAll(List<TableSpec> tables) {
        List<String> created = new ArrayList<>();
        for (TableSpec table : tables) {
            String name = LocalResourceNames.physicalName(table.name());
            if (CatalogTables.create(dynamoDb, table, name)) {
                created.add(name);
            }
        }
        // Creation is asynchronous (dynalite imitates DynamoDB's CREATING state); wait for all at once.
        for (TableSpec table : tables) {
            awaitActive(LocalResourceNames.physicalName(table.name()));
        }
        LOG.info("tables ready: {} created, {} kept", created.size(), tables.size() - created.size());
    }

    private void awaitActive(String name) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!isActive(dynamoDb.describeTable(b -> b.tableName(name)).table())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + name + " is not ACTIVE after " + READY_TIMEOUT);
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static boolean isActive(TableDescription table) {
        return table.tableStatus() == TableStatus.ACTIVE
                && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tables", e);
        }
    }
}
