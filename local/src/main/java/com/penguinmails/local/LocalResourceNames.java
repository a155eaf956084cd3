package com.penguinmails.local;

import com.penguinmails.catalog.ResourceNames;
import java.util.Map;

/**
 * Local names for catalog resources: every table and queue is prefixed {@code pm-local-} so a local run can
 * share a DynamoDB or SQS endpoint (or an AWS account) with other stages without touching their data.
 * Queue URLs are whatever the SQS endpoint answered when the queue was created.
 */
final class LocalResourceNames implements ResourceNames {

    static final String PREFIX = "pm-local-";
    /** The account id API Gateway, SQS and EventBridge events carry locally (LocalStack and SAM use it too). */
    static final String ACCOUNT_ID = "000000000000";

    private final Map<String, String> queueUrls;
    private final String eventTopicArn;

    /** @param eventTopicArn the platform-event topic, for functions that publish */

    LocalResourceNames(Map<String, String> queueUrls, String eventTopicArn) {
        this.queueUrls = Map.copyOf(queueUrls);
        this.eventTopicArn = eventTopicArn;
    }

    static String physicalName(String catalogName) {
        return PREFIX + catalogName;
    }

    @Override
    public String tableName(String table) {
        return physicalName(table);
    }

    @Override
    public String queueUrl(String queue) {
        String url = queueUrls.get(queue);
        if (url == null) {
            throw new IllegalArgumentException("no local queue named " + queue);
        }
        return url;
    }

    @Override
    public String eventTopicArn() {
        if (eventTopicArn == null) {
            throw new IllegalStateException("no local event topic");
        }
        return eventTopicArn;
    }
}
