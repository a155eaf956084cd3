package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.JarSpec;
import com.penguinmails.catalog.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class FunctionsTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static final Set<String> PLATFORM_VARIABLES = Set.of(
            "PM_STAGE", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "JAVA_TOOL_OPTIONS",
            "PM_TRACKING_BASE_URL");
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void everyCatalogFunctionRunsJava21OnArm64WithSnapStartAndJsonLogs() {
        dev.template().resourceCountIs("AWS::Lambda::Function", CATALOG.functions().size());
        for (FunctionSpec spec : CATALOG.functions()) {
            assertThat(properties(spec)).containsAllEntriesOf(Map.of(
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "Handler", spec.handler() + "::handleRequest",
                    "MemorySize", spec.memoryMb(),
                    "Timeout", spec.timeoutSeconds(),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
            assertThat(Synthesized.map(properties(spec).get("LoggingConfig"))).containsEntry("LogFormat", "JSON");
        }
    }

    @Test
    void eachFunctionIsDeployedWithTheJarTheCatalogNames() {
        Map<FunctionJar, Set<Object>> codeByJar = new java.util.HashMap<>();
        for (FunctionSpec spec : CATALOG.functions()) {
            codeByJar.computeIfAbsent(spec.jar(), j -> new java.util.HashSet<>()).add(properties(spec).get("Code"));
        }
        assertThat(codeByJar.keySet()).containsExactlyInAnyOrderElementsOf(CATALOG.jars().stream().map(JarSpec::name).toList());
        codeByJar.forEach((jar, codes) -> assertThat(codes).as("code assets of the %s jar's functions", jar).hasSize(1));
        assertThat(codeByJar.get(new FunctionJar("api"))).doesNotContainAnyElementsOf(codeByJar.get(new FunctionJar("mail")));
    }

    @Test
    void onlyFunctionsInTheMailJarAreGrantedSesOrMailboxSecrets() {
        // The api jar has no SES, KMS or mail client: a grant there would be a function that cannot use it.
        for (FunctionSpec spec : CATALOG.functions()) {
            if (SendingPolicy.managesSesPools(spec) || SendingPolicy.sendsWithSes(spec) || SendingPolicy.usesMailboxSecrets(spec)) {
                assertThat(spec.jar()).as("jar of %s", spec.name()).isEqualTo(new FunctionJar("mail"));
            }
        }
    }

    @Test
    void everyFunctionGetsExactlyTheCatalogsVariablesPlusThePlatformOnes() {
        for (FunctionSpec spec : CATALOG.functions()) {
            Set<String> expected = new TreeSet<>(spec.environment(new PlaceholderNames()).keySet());
            expected.addAll(PLATFORM_VARIABLES);
            if (spec.trigger().authorizer() != null) {
                expected.add(Functions.OPERATOR_KEY_VARIABLE);
            }
            spec.secrets().forEach(secret -> expected.add(secret.variable()));
            if (SendingPolicy.managesSesPools(spec)) {
                expected.add(Ses.EVENTS_TOPIC_VARIABLE);
            }
            if (SendingPolicy.usesMailboxSecrets(spec)) {
                expected.add(MailboxSecrets.KEY_VARIABLE);
            }
            assertThat(variables(spec).keySet()).as(spec.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(variables(spec)).containsEntry("PM_STAGE", "dev").containsEntry("PM_FUNCTION_NAME", spec.name());
        }
    }

    @Test
    void everyFunctionIsToldItsOwnTimeoutSoItsSdkCallsGiveUpInsideIt() {
        for (FunctionSpec spec : CATALOG.functions()) {
            assertThat(variables(spec)).as(spec.name())
                    .containsEntry(FunctionSpec.TIMEOUT_VARIABLE, Integer.toString(spec.timeoutSeconds()));
            assertThat(properties(spec).get("Timeout")).as(spec.name()).isEqualTo(spec.timeoutSeconds());
        }
    }

    @Test
    void tableAndQueueVariablesReferToTheDeployedResources() {
        for (FunctionSpec spec : CATALOG.functions()) {
            spec.tables().forEach(t -> assertThat(variables(spec).get(ResourceNames.tableVariable(t.name())))
                    .isEqualTo(Map.of("Ref", dev.logicalId(dev.stack().tables().table(t.name())))));
            spec.queues().forEach(q -> assertThat(variables(spec).get(ResourceNames.queueUrlVariable(q.name())))
                    .isEqualTo(Map.of("Ref", dev.logicalId(dev.stack().queues().queue(q.name())))));
        }
    }

    @Test
    void theAuthorizerGetsTheOperatorKeyHashFromAStackParameter() {
        FunctionSpec authorizer = CATALOG.authorizer().orElseThrow();
        assertThat(variables(authorizer).get(Functions.OPERATOR_KEY_VARIABLE))
                .isEqualTo(Map.of("Ref", PenguinMailsStack.OPERATOR_KEY_PARAMETER));
        dev.template().hasParameter(PenguinMailsStack.OPERATOR_KEY_PARAMETER,
                Map.of("Type", "String", "AllowedPattern", "^[0-9a-f]{64}$"));
    }

    @Test
    void everyFunctionHasALiveAliasOnItsCurrentVersion() {
        for (FunctionSpec spec : CATALOG.functions()) {
            CatalogFunction function = dev.stack().functions().function(spec.name());
            dev.template().hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "Name", CatalogFunction.ALIAS_NAME,
                    "FunctionName", Map.of("Ref", dev.logicalId(function.function())),
                    "FunctionVersion", Match.anyValue()));
        }
        dev.template().resourceCountIs("AWS::Lambda::Version", CATALOG.functions().size());
    }

    @Test
    void logsAreKeptForAMonthInDev() {
        dev.template().allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    private static Map<String, Object> properties(FunctionSpec spec) {
        return dev.properties("AWS::Lambda::Function",
                dev.logicalId(dev.stack().functions().function(spec.name()).function()));
    }

    private static Map<String, Object> variables(FunctionSpec spec) {
        return Synthesized.map(Synthesized.map(properties(spec).get("Environment")).get("Variables"));
    }

    /** Only the variable names matter here. */
    private static final class PlaceholderNames implements ResourceNames {
        @Override
        public String tableName(String table) {
            return table;
        }

        @Override
        public String queueUrl(String queue) {
            return queue;
        }

        @Override
        public String eventTopicArn() {
            return "event-topic";
        }
    }
}
