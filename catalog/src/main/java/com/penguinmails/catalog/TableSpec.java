package com.penguinmails.catalog;

import java.util.List;

/** A DynamoDB table: keys are strings; a TTL attribute holds epoch seconds after which an item is gone. */
public record TableSpec(String name, String partitionKey, String sortKey, String ttlAttribute,
                        List<IndexSpec> indexes) {

    public TableSpec {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /** A global secondary index projecting all attributes. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {}
}
