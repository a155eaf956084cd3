package com.penguinmails.benchmarks.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.functions.apikeys.ApiKeysHandler;
import java.util.Map;

/**
 * What a Lambda cold start of api-keys-api does, in a fresh JVM: the no-arg constructor (Platform from the
 * environment) and one {@code GET /v1/api-keys}. Runs with only functions-api.jar and this package on the class path,
 * so it must use nothing else. Args: workspaceId keyId scopes rateLimitPerSecond (the caller's key, as the
 * authorizer would report it), and optionally {@code primed}: run the SnapStart priming after construction, as Lambda
 * does before its snapshot, so the request's time stands for the first request after a restore. Exits 0 on a 200.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long mainStarted = System.nanoTime();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("authenticated", "true", "workspaceId", args[0], "keyId", args[1],
                "actor", "apikey:" + args[1], "scopes", args[2], "rateLimitPerSecond", args[3]));
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath("/v1/api-keys");
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        requestContext.setRequestId("cold-start-probe");
        requestContext.setRouteKey("GET /v1/api-keys");
        requestContext.setHttp(http);
        requestContext.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET /v1/api-keys");
        event.setRawPath("/v1/api-keys");
        event.setHeaders(Map.of("accept", "application/json"));
        event.setRequestContext(requestContext);

        long eventBuilt = System.nanoTime();
        ApiKeysHandler handler = new ApiKeysHandler();
        if (args.length > 4 && "primed".equals(args[4]) && !handler.priming().prime()) {
            System.err.println("probe: priming failed");
            System.exit(1);
        }
        long constructed = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new ProbeContext());
        long handled = System.nanoTime();
        // For the parent's breakdown: where the time inside main() went.
        System.err.println("probe-timings event=" + (eventBuilt - mainStarted) / 1_000_000
                + " constructor=" + (constructed - eventBuilt) / 1_000_000 + " first-request=" + (handled - constructed) / 1_000_000);
        if (response.getStatusCode() != 200) {
            System.err.println("probe: GET /v1/api-keys answered " + response.getStatusCode() + ": " + response.getBody());
            System.exit(1);
        }
        // Explicit, so a lingering non-daemon thread in a library cannot stretch the measurement.
        System.exit(0);
    }

    /** The few Context fields a handler reads (Powertools logging adds them to every log line). */
    private static final class ProbeContext implements Context {
        private final long deadline = System.currentTimeMillis() + 15_000;

        @Override public String getAwsRequestId() { return "cold-start-probe"; }
        @Override public String getLogGroupName() { return "/aws/lambda/api-keys-api"; }
        @Override public String getLogStreamName() { return "cold-start-probe"; }
        @Override public String getFunctionName() { return "api-keys-api"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:api-keys-api"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
            };
        }
    }
}
