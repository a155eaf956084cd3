package com.penguinmails.infra;

import com.penguinmails.catalog.FunctionCatalog;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app: {@code npx cdk synth -c stage=prod}. Context keys: {@code stage} (default {@code dev}) and
 * {@code jarsRoot} (default {@value #DEFAULT_JARS_ROOT}, relative to infra-cdk: the repository root, under which each
 * jar of the catalog's {@code jars:} is built, e.g. {@code functions/target/functions-api.jar}).
 */
public final class PenguinMailsApp {

    public static final String JARS_ROOT_CONTEXT_KEY = "jarsRoot";
    public static final String DEFAULT_JARS_ROOT = "..";

    private PenguinMailsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object dir = app.getNode().tryGetContext(JARS_ROOT_CONTEXT_KEY);
        DeploymentStage stage = DeploymentStage.fromContext(app.getNode());
        define(app, new PenguinMailsStack.Props(stage, FunctionCatalog.load(),
                Path.of(dir == null ? DEFAULT_JARS_ROOT : dir.toString())));
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
