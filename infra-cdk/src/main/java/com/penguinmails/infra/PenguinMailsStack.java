package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Everything one stage of PenguinMails runs on, built from the catalog: tables, queues, functions and their
 * triggers (HTTP API, queues, schedules), and alarms on every dead-letter queue.
 */
public final class PenguinMailsStack extends Stack {

    public static final String OPERATOR_KEY_PARAMETER = "OperatorKeySha256";

    /** @param functionsJar the shaded jar holding every handler (built by the functions module) */
    public record Props(DeploymentStage stage, FunctionCatalog catalog, Path functionsJar) {
    }

    private final Tables tables;
    private final Queues queues;
    private final Functions functions;

    public PenguinMailsStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .description("PenguinMails " + props.stage().name() + ": API, functions, tables and queues")
                .build());
        FunctionCatalog catalog = props.catalog();
        CfnParameter operatorKeySha256 = CfnParameter.Builder.create(this, OPERATOR_KEY_PARAMETER)
                .type("String")
                .description("Hex SHA-256 of the platform-operator API key (the key itself never reaches AWS)")
                .allowedPattern("^[0-9a-f]{64}$")
                .constraintDescription("64 lowercase hex characters")
                .build();

        tables = new Tables(this, "Tables", new Tables.Props(catalog.tables(), props.stage()));
        queues = new Queues(this, "Queues", new Queues.Props(catalog.queues()));
        functions = new Functions(this, "Functions", new Functions.Props(catalog, functionsCode(props.functionsJar()),
                props.stage(), tables, queues, operatorKeySha256.getValueAsString()));
        new QueueTriggers(this, "QueueTriggers", new QueueTriggers.Props(catalog, functions, queues));
        Api api = new Api(this, "Api", new Api.Props(catalog, functions, props.stage()));
        Schedules schedules = new Schedules(this, "Schedules", new Schedules.Props(catalog, functions));

        Map<String, IQueue> deadLetterQueues = new LinkedHashMap<>(queues.deadLetterQueues());
        deadLetterQueues.putAll(schedules.deadLetterQueues());
        new Alarms(this, "Alarms", new Alarms.Props(deadLetterQueues));

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Base URL of the PenguinMails API")
                .value(api.url())
                .build();
    }

    public Tables tables() {
        return tables;
    }

    public Queues queues() {
        return queues;
    }

    public Functions functions() {
        return functions;
    }

    private static Code functionsCode(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("functions jar not found at " + jar.toAbsolutePath()
                    + "; build it first (mvn -pl functions -am package) or pass -c functionsJar=<path>");
        }
        return Code.fromAsset(jar.toString());
    }
}
