package com.penguinmails.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda {@link Context} of one local invocation. Remaining time counts down from the catalog timeout in
 * real time (not the movable clock), because it is about how long the code may run, not what time it is.
 */
final class LocalContext implements Context {

    private final LocalFunction function;
    private final String requestId;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(LocalFunction function, String requestId) {
        this.function = function;
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + function.spec().timeoutSeconds() * 1_000_000_000L;
        this.logger = new StderrLogger(function.spec().name(), System.err);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.deployedName();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.spec().name();
    }

    @Override
    public String getFunctionName() {
        return function.deployedName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.spec().memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Prefixes each line with the function name so interleaved output from concurrent functions stays readable. */
    private record StderrLogger(String functionName, PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.println("[" + functionName + "] " + message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
