package com.penguinmails.infra;

import com.penguinmails.catalog.TableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/** One DynamoDB table per catalog table: on demand, point-in-time recovery, TTL and indexes as the catalog says. */
public final class Tables extends Construct {

    public record Props(List<TableSpec> specs, DeploymentStage stage) {
    }

    private final Map<String, TableSpec> specs = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();

    public Tables(Construct scope, String id, Props props) {
        super(scope, id);
        for (TableSpec spec : props.specs()) {
            specs.put(spec.name(), spec);
            tables.put(spec.name(), createTable(spec, props.stage()));
        }
    }

    /** The table the catalog calls {@code name}. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no table named " + name);
        }
        return table;
    }

    /** Whether grants on the table also cover index ARNs ({@code <table>/index/*}). */
    public boolean hasIndexes(String name) {
        return !specs.get(name).indexes().isEmpty();
    }

    private Table createTable(TableSpec spec, DeploymentStage stage) {
        Table table = Table.Builder.create(this, Names.pascalCase(spec.name()))
                .partitionKey(stringKey(spec.partitionKey()))
                .sortKey(spec.sortKey() == null ? null : stringKey(spec.sortKey()))
                .timeToLiveAttribute(spec.ttlAttribute())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(stage.isProd())
                .removalPolicy(stage.removalPolicy())
                .build();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .sortKey(index.sortKey() == null ? null : stringKey(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
        return table;
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
