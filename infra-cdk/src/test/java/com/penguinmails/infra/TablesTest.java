package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class TablesTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void everyCatalogTableIsOnDemandWithPointInTimeRecoveryAndAwsManagedEncryption() {
        dev.template().resourceCountIs("AWS::DynamoDB::Table", CATALOG.tables().size());
        for (TableSpec spec : CATALOG.tables()) {
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("KeySchema", keySchema(spec));
            expected.put("BillingMode", "PAY_PER_REQUEST");
            expected.put("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
            expected.put("SSESpecification", Map.of("SSEEnabled", true));
            expected.put("TimeToLiveSpecification", spec.ttlAttribute() == null
                    ? Match.absent()
                    : Map.of("AttributeName", spec.ttlAttribute(), "Enabled", true));
            expected.put("DeletionProtectionEnabled", false);
            dev.template().hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(expected));
        }
    }

    @Test
    void keysAreStrings() {
        dev.allProperties("AWS::DynamoDB::Table").forEach(table ->
                assertThat(Synthesized.json(table.get("AttributeDefinitions")))
                        .doesNotContain("\"AttributeType\":\"N\"", "\"AttributeType\":\"B\""));
    }

    @Test
    void devTablesAreDeletedWithTheStack() {
        dev.template().allResources("AWS::DynamoDB::Table",
                Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete"));
    }

    private static List<Map<String, String>> keySchema(TableSpec spec) {
        List<Map<String, String>> keys = new ArrayList<>();
        keys.add(Map.of("AttributeName", spec.partitionKey(), "KeyType", "HASH"));
        if (spec.sortKey() != null) {
            keys.add(Map.of("AttributeName", spec.sortKey(), "KeyType", "RANGE"));
        }
        return keys;
    }
}
