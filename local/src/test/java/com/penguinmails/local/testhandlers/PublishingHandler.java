package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the events it is posted ({@code [{"type","subject","workspaceId","data"}]}) through the port, as a
 * producer does: the publisher comes from {@link PlatformEvents}, so from the environment the runtime gave it.
 */
public final class PublishingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Platform platform;
    private final PlatformEventPublisher publisher;

    public PublishingHandler(Platform platform) {
        this.platform = platform;
        this.publisher = CoreWiring.eventTopicPublisher(platform);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        JsonNode posted;
        try {
            posted = platform.json().readTree(event.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PlatformEvent> events = new ArrayList<>();
        for (JsonNode e : posted) {
            String type = e.path("type").asText();
            events.add(PlatformEvent.builder(EventType.fromWireName(type).orElseThrow())
                    .id(PlatformEvent.idFor(type, e.path("subject").asText()))
                    .source("/penguinmails/" + context.getFunctionName()).time(platform.clock().instant())
                    .subject(e.path("subject").asText()).workspaceId(e.path("workspaceId").asText())
                    .data(e.path("data")).build());
        }
        publisher.publish(events);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(202).build();
    }
}
