package com.penguinmails.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.core.platform.Platform;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Records each invocation in the {@code records} table: pk {@code schedule:<function>}, sk the event's time and id. */
public final class CountingScheduleHandler implements RequestHandler<ScheduledEvent, Void> {

    private final Platform platform;

    public CountingScheduleHandler(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        platform.dynamoDb().putItem(b -> b.tableName(platform.tableName("records")).item(Map.of(
                "pk", AttributeValue.fromS("schedule:" + platform.required("PM_FUNCTION_NAME")),
                "sk", AttributeValue.fromS(event.getTime() + "#" + event.getId()),
                "detailType", AttributeValue.fromS(event.getDetailType()),
                "source", AttributeValue.fromS(event.getSource()),
                "rule", AttributeValue.fromS(event.getResources().get(0)),
                "invokedAt", AttributeValue.fromS(platform.clock().instant().toString()))));
        return null;
    }
}
