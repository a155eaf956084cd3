package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionSpec;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One catalog function: its own role and log group, the Lambda function, and the {@code live} alias that every
 * trigger invokes. SnapStart only applies to published versions, so triggers must go through the alias.
 */
public final class CatalogFunction extends Construct {

    public static final String ALIAS_NAME = "live";

    /** {@code environment} is complete: catalog variables plus whatever the stack adds. */
    public record Props(FunctionSpec spec, Code code, DeploymentStage stage, Map<String, String> environment) {
    }

    private final Role role;
    private final Function function;
    private final Alias alias;

    public CatalogFunction(Construct scope, String id, Props props) {
        super(scope, id);
        FunctionSpec spec = props.spec();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(props.stage().logRetention())
                .removalPolicy(props.stage().removalPolicy())
                .build();
        // A role of its own instead of the AWSLambdaBasicExecutionRole managed policy, which may write to any
        // log group in the account: this one may only write to the function's own log group.
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + spec.name() + " function")
                .build();
        logs.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .code(props.code())
                .handler(spec.handler() + "::handleRequest")
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(props.environment())
                .build();
        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        // CDK warns that SnapStart needs published versions; the alias above publishes one on every code change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "published through the live alias");
        Nag.suppress(function, "AwsSolutions-L1", "Java 21 is the runtime the functions are built and SnapStart-tested "
                + "for; moving to a newer Java runtime is a deliberate upgrade of the whole functions module.");
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    /** What triggers invoke: the SnapStart-enabled version currently deployed. */
    public Alias alias() {
        return alias;
    }
}
