package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What prod does differently: its data and logs survive a mistaken delete or replacement. */
class ProdStageTest {

    private static Synthesized prod;

    @BeforeAll
    static void synthesize() {
        prod = Synthesized.of(DeploymentStage.PROD);
    }

    @Test
    void theStackIsNamedAfterTheStage() {
        assertThat(prod.stack().getStackName()).isEqualTo("PenguinMails-prod");
    }

    @Test
    void tablesHaveDeletionProtectionAndAreRetained() {
        prod.template().resourceCountIs("AWS::DynamoDB::Table", FunctionCatalog.load().tables().size());
        prod.template().allResourcesProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", true));
        prod.template().allResources("AWS::DynamoDB::Table",
                Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void logsAreKeptForAYear() {
        prod.template().allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
        prod.template().allResources("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void functionsKnowTheirStage() {
        prod.template().allResourcesProperties("AWS::Lambda::Function",
                Map.of("Environment", Map.of("Variables", Map.of("PM_STAGE", "prod"))));
    }
}
