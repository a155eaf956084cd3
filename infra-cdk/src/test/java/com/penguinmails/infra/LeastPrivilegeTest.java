package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.FunctionSpec.ResourceGrant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.constructs.IConstruct;

/** Each function's role may touch exactly the tables and queues the catalog lists for it, nothing else. */
class LeastPrivilegeTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.load();
    private static final List<String> WRITE_ACTIONS = List.of(
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    private static Synthesized dev;

    @BeforeAll
    static void synthesize() {
        dev = Synthesized.of(DeploymentStage.DEV);
    }

    @Test
    void theAuthorizerCannotTouchTheWorkspacesTable() {
        String workspaces = dev.logicalId(dev.stack().tables().table("workspaces"));
        assertThat(policyJson(CATALOG.authorizer().orElseThrow())).doesNotContain(workspaces);
    }

    @Test
    void everyFunctionCanReachExactlyItsCatalogTables() {
        for (FunctionSpec spec : CATALOG.functions()) {
            Set<String> expected = spec.tables().stream().map(ResourceGrant::name).collect(Collectors.toSet());
            Set<String> reachable = CATALOG.tables().stream().map(t -> t.name())
                    .filter(name -> mentions(spec, dev.stack().tables().table(name)))
                    .collect(Collectors.toSet());
            assertThat(reachable).as(spec.name()).isEqualTo(expected);
        }
    }

    @Test
    void readOnlyTablesGetNoWriteActions() {
        for (FunctionSpec spec : CATALOG.functions()) {
            spec.tables().stream().filter(grant -> grant.access().equals("read")).forEach(grant -> {
                String table = dev.logicalId(dev.stack().tables().table(grant.name()));
                statements(spec).stream()
                        .filter(statement -> Synthesized.json(statement.get("Resource")).contains('"' + table + '"'))
                        .forEach(statement -> assertThat(Synthesized.json(statement.get("Action")))
                                .as("%s on %s", spec.name(), grant.name())
                                .doesNotContain(WRITE_ACTIONS));
            });
        }
    }

    @Test
    void everyFunctionCanReachExactlyTheQueuesItSendsToOrIsTriggeredBy() {
        for (FunctionSpec spec : CATALOG.functions()) {
            Set<String> expected = Stream.concat(
                            spec.queues().stream().map(ResourceGrant::name),
                            Stream.ofNullable(spec.trigger().sqs()).map(sqs -> sqs.queue()))
                    .collect(Collectors.toSet());
            Set<String> reachable = CATALOG.queues().stream().map(q -> q.name())
                    .filter(name -> mentions(spec, dev.stack().queues().queue(name)))
                    .collect(Collectors.toSet());
            assertThat(reachable).as(spec.name()).isEqualTo(expected);
            dev.stack().queues().deadLetterQueues().values()
                    .forEach(deadLetters -> assertThat(mentions(spec, deadLetters)).as(spec.name()).isFalse());
        }
    }

    @Test
    void noRoleUsesAManagedPolicy() {
        dev.template().allResourcesProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns", Match.absent()));
    }

    private static boolean mentions(FunctionSpec spec, IConstruct resource) {
        return policyJson(spec).contains('"' + dev.logicalId(resource) + '"');
    }

    private static String policyJson(FunctionSpec spec) {
        return Synthesized.json(policy(spec).get("PolicyDocument"));
    }

    private static List<Map<String, Object>> statements(FunctionSpec spec) {
        List<?> statements = (List<?>) Synthesized.map(policy(spec).get("PolicyDocument")).get("Statement");
        return statements.stream().map(Synthesized::map).toList();
    }

    /** The one inline policy attached to the function's role. */
    private static Map<String, Object> policy(FunctionSpec spec) {
        return dev.functionPolicy(spec.name());
    }
}
