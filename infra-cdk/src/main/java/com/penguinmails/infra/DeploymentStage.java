package com.penguinmails.infra;

import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Which copy of the platform a stack is ({@code dev}, {@code prod}, ...), from the CDK context key {@code stage}.
 * Only {@code prod} keeps its data when the stack goes away; every other stage can be torn down completely.
 */
public record DeploymentStage(String name) {

    // The name ends up in the stack name and in resource names, which allow little more than this.
    // Declared first: the constants below are validated against it while the class initializes.
    private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    public static final String CONTEXT_KEY = "stage";
    public static final DeploymentStage DEV = new DeploymentStage("dev");
    public static final DeploymentStage PROD = new DeploymentStage("prod");

    public DeploymentStage {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stage must match " + VALID_NAME + ", got " + name);
        }
    }

    /** The stage given with {@code -c stage=...}, {@code dev} when none is. */
    public static DeploymentStage fromContext(Node node) {
        Object value = node.tryGetContext(CONTEXT_KEY);
        return value == null ? DEV : new DeploymentStage(value.toString());
    }

    public boolean isProd() {
        return PROD.equals(this);
    }

    /** Production data and logs outlive the stack; development stacks leave nothing behind. */
    public RemovalPolicy removalPolicy() {
        return isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    public RetentionDays logRetention() {
        return isProd() ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;
    }
}
