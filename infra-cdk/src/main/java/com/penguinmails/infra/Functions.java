package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.FunctionSpec.ResourceGrant;
import com.penguinmails.catalog.FunctionSpec;
import com.penguinmails.catalog.ResourceNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * One Lambda function per catalog function, allowed to use exactly the tables and queues the catalog lists for it
 * (and to publish platform events if it is marked {@code events: publish}).
 * Triggers are wired elsewhere ({@link Api}, {@link QueueTriggers}, {@link Schedules}).
 */
public final class Functions extends Construct {

    /** The environment variable that tells the authorizer which key is the platform operator's. */
    public static final String OPERATOR_KEY_VARIABLE = "PM_OPERATOR_KEY_SHA256";

    /**
     * @param code the code asset of each jar; every function is deployed with the one the catalog names
     * @param operatorKeySha256 hex SHA-256 of the platform-operator API key, given to the catalog's authorizer only
     */
    public record Props(FunctionCatalog catalog, Map<FunctionJar, Code> code, DeploymentStage stage, Tables tables, Queues queues,
                        EventBus eventBus, String operatorKeySha256) {
    }

    private final Map<String, CatalogFunction> functions = new LinkedHashMap<>();

    public Functions(Construct scope, String id, Props props) {
        super(scope, id);
        ResourceNames names = new DeployedResourceNames(props.tables(), props.queues(), props.eventBus());
        for (FunctionSpec spec : props.catalog().functions()) {
            Map<String, String> environment = new TreeMap<>(spec.environment(names));
            environment.putAll(platformEnvironment(props.stage()));
            if (spec.trigger().authorizer() != null) {
                environment.put(OPERATOR_KEY_VARIABLE, props.operatorKeySha256());
            }
            CatalogFunction function = new CatalogFunction(this, Names.pascalCase(spec.name()),
                    new CatalogFunction.Props(spec, props.code().get(spec.jar()), props.stage(), environment));
            grantCatalogResources(spec, function, props.tables(), props.queues());
            if (spec.publishesEvents()) {
                props.eventBus().allowPublishing(function.function());
            }
            functions.put(spec.name(), function);
        }
    }

    /** The function the catalog calls {@code name}. */
    public CatalogFunction function(String name) {
        CatalogFunction function = functions.get(name);
        if (function == null) {
            throw new IllegalArgumentException("no function named " + name);
        }
        return function;
    }

    /** Variables every function gets, whatever the catalog says. */
    private static Map<String, String> platformEnvironment(DeploymentStage stage) {
        return Map.of(
                "PM_STAGE", stage.name(),
                "POWERTOOLS_SERVICE_NAME", "penguinmails",
                "POWERTOOLS_METRICS_NAMESPACE", "PenguinMails",
                // Short-lived invocations gain more from a quick C1-only JIT than from C2's peak performance.
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    }

    private static void grantCatalogResources(FunctionSpec spec, CatalogFunction function, Tables tables,
                                              Queues queues) {
        for (ResourceGrant grant : spec.tables()) {
            Table table = tables.table(grant.name());
            switch (grant.access()) {
                case "read" -> table.grantReadData(function.function());
                case "read-write" -> table.grantReadWriteData(function.function());
                default -> throw unsupported(spec, grant);
            }
            if (tables.hasIndexes(grant.name())) {
                Nag.suppressMatching(function.role(), "AwsSolutions-IAM5", "/^Resource::.*\\/index\\/\\*$/",
                        "The DynamoDB grant covers the indexes of a table the catalog lists for this function "
                                + "(<table>/index/*); the wildcard stays within that one table.");
            }
        }
        for (ResourceGrant grant : spec.queues()) {
            if (!"send".equals(grant.access())) {
                throw unsupported(spec, grant);
            }
            queues.queue(grant.name()).grantSendMessages(function.function());
        }
    }

    private static IllegalArgumentException unsupported(FunctionSpec spec, ResourceGrant grant) {
        return new IllegalArgumentException("function " + spec.name() + ": access '" + grant.access()
                + "' is not supported for " + grant.name());
    }

    /** Fills the catalog's environment variables with the deployed names (CloudFormation references). */
    private record DeployedResourceNames(Tables tables, Queues queues, EventBus eventBus) implements ResourceNames {

        @Override
        public String tableName(String table) {
            return tables.table(table).getTableName();
        }

        @Override
        public String queueUrl(String queue) {
            return queues.queue(queue).getQueueUrl();
        }

        @Override
        public String eventTopicArn() {
            return eventBus.topic().orElseThrow().getTopicArn();
        }
    }
}
