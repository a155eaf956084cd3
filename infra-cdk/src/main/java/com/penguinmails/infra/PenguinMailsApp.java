package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app: {@code npx cdk synth -c stage=prod}. Context keys: {@code stage} (default {@code dev}) and
 * {@code functionsDir} (default {@value #DEFAULT_FUNCTIONS_DIR}, relative to infra-cdk: where the functions module
 * builds functions-api.jar and functions-mail.jar).
 */
public final class PenguinMailsApp {

    public static final String FUNCTIONS_DIR_CONTEXT_KEY = "functionsDir";
    public static final String DEFAULT_FUNCTIONS_DIR = "../functions/target";

    private PenguinMailsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object dir = app.getNode().tryGetContext(FUNCTIONS_DIR_CONTEXT_KEY);
        DeploymentStage stage = DeploymentStage.fromContext(app.getNode());
        define(app, new PenguinMailsStack.Props(stage, FunctionCatalog.load(),
                Path.of(dir == null ? DEFAULT_FUNCTIONS_DIR : dir.toString())));
        app.synth();
    }

    /** Adds the stage's stack to {@code app} and checks it with cdk-nag; the tests synthesize through here too. */
    public static PenguinMailsStack define(App app, PenguinMailsStack.Props props) {
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new PenguinMailsStack(app, stackName(props.stage()), props);
    }

    public static String stackName(DeploymentStage stage) {
        return "PenguinMails-" + stage.name();
    }
}
