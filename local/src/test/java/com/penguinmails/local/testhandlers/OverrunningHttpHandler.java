package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.penguinmails.core.platform.Platform;
import java.util.Map;

/** Takes {@value #RUNS_MILLIS} ms, past its 1 s catalog timeout, then answers 200 (which no caller may see). */
public final class OverrunningHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final long RUNS_MILLIS = 4_000;

    public OverrunningHttpHandler(Platform platform) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            Thread.sleep(RUNS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/plain")).withBody("finished late").build();
    }
}
