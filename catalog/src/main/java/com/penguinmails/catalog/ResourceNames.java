package com.penguinmails.catalog;

import java.util.Locale;

/**
 * How a function learns the real name of a table or queue: one environment variable each, e.g.
 * {@code PM_TABLE_API_KEYS} and {@code PM_QUEUE_URL_AUDIT_EVENTS}. Implementations say what the values are
 * (CDK tokens in AWS, prefixed names and local URLs in the local runtime).
 */
public interface ResourceNames {

    String tableName(String table);

    String queueUrl(String queue);

    /** The platform-event topic's ARN, for functions marked {@code events: publish}. */
    default String eventTopicArn() {
        throw new UnsupportedOperationException("these resource names have no event topic");
    }

    static String tableVariable(String table) {
        return "PM_TABLE_" + constantCase(table);
    }

    static String queueUrlVariable(String queue) {
        return "PM_QUEUE_URL_" + constantCase(queue);
    }

    private static String constantCase(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
