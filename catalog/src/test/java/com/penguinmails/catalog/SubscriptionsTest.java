package com.penguinmails.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.event.ruler.RuleCompiler;

/** Consumer subscriptions to the platform-event topic, and which functions may publish to it. */
class SubscriptionsTest {

    private static final String HEAD = """
            jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
            tables: []
            queues:
              - name: event-log
              - name: ip-alerts
            functions:
              - name: producer
                handler: x.Producer
                jar: api
                events: publish
                trigger: { schedule: { expression: "rate(1 day)" } }
              - name: quiet
                handler: x.Quiet
                jar: api
                trigger: { schedule: { expression: "rate(1 day)" } }
            """;

    private static final ResourceNames NAMES = new ResourceNames() {
        public String tableName(String table) { return table; }
        public String queueUrl(String queue) { return queue; }
        public String eventTopicArn() { return "arn:aws:sns:us-east-1:000000000000:pm-events"; }
    };

    @Test
    void readsSubscriptionsWithTheirPatternsAsWritten() throws IOException {
        FunctionCatalog catalog = parse(HEAD + """
                subscriptions:
                  - name: event-log
                    queue: event-log
                    pattern: { type: [ { prefix: "message." } ] }
                  - name: ip-alerts
                    queue: ip-alerts
                    pattern:
                      type: [ ip.paused, reputation.changed ]
                      data: { ipId: [ { exists: true } ], score: [ { numeric: [ "<", 50 ] } ] }
                """);

        assertThat(catalog.subscriptions()).extracting(SubscriptionSpec::name).containsExactly("event-log", "ip-alerts");
        assertThat(catalog.subscriptions().get(0).patternJson()).isEqualTo("{\"type\":[{\"prefix\":\"message.\"}]}");
        assertThat(catalog.subscriptions().get(1).patternJson()).isEqualTo(
                "{\"type\":[\"ip.paused\",\"reputation.changed\"],\"data\":{\"ipId\":[{\"exists\":true}],\"score\":[{\"numeric\":[\"<\",50]}]}}");
        assertThat(catalog.usesEventTopic()).isTrue();
    }

    @Test
    void onlyFunctionsMarkedToPublishGetTheTopic() throws IOException {
        FunctionCatalog catalog = parse(HEAD);

        assertThat(catalog.function("producer").publishesEvents()).isTrue();
        assertThat(catalog.function("producer").environment(NAMES))
                .containsEntry(FunctionSpec.EVENT_TOPIC_VARIABLE, "arn:aws:sns:us-east-1:000000000000:pm-events");
        assertThat(catalog.function("quiet").publishesEvents()).isFalse();
        assertThat(catalog.function("quiet").environment(NAMES)).doesNotContainKey(FunctionSpec.EVENT_TOPIC_VARIABLE);
    }

    @Test
    void rejectsAnUnknownEventsAccess() {
        assertThatThrownBy(() -> parse(HEAD.replace("events: publish", "events: subscribe")))
                .hasMessageContaining("unknown events access 'subscribe'");
    }

    @Test
    void rejectsASubscriptionToAnUndeclaredQueue() {
        assertThatThrownBy(() -> parse(HEAD + """
                subscriptions:
                  - { name: log, queue: nowhere, pattern: { type: [ message.sent ] } }
                """)).hasMessageContaining("subscription log delivers to undeclared queue nowhere");
    }

    @Test
    void rejectsTwoSubscriptionsIntoOneQueue() {
        assertThatThrownBy(() -> parse(HEAD + """
                subscriptions:
                  - { name: a, queue: event-log, pattern: { type: [ message.sent ] } }
                  - { name: b, queue: event-log, pattern: { type: [ message.opened ] } }
                """)).hasMessageContaining("queue event-log is the target of two subscriptions");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ type: [ { suffix: \".paused\" } ] }",
            "{ type: [ { equals-ignore-case: \"MESSAGE.SENT\" } ] }",
            "{ type: [ { wildcard: \"message.*\" } ] }",
            "{ data: { ip: [ { cidr: \"10.0.0.0/24\" } ] } }",
            "{ $or: [ { type: [ message.sent ] }, { subject: [ x ] } ] }",
            "{ type: [ { prefix: { equals-ignore-case: \"message.\" } } ] }",
    })
    void rejectsOperatorsOutsideWhatSnsAndEventBridgeShare(String pattern) {
        assertThatThrownBy(() -> parse(HEAD + "subscriptions:\n  - { name: s, queue: event-log, pattern: " + pattern + " }\n"))
                .hasMessageContaining("subscription s: pattern.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ }",
            "{ type: message.sent }",
            "{ type: [ ] }",
            "{ type: [ { prefix: \"\" } ] }",
            "{ type: [ { exists: \"yes\" } ] }",
            "{ type: [ { anything-but: [ a, 1 ] } ] }",
            "{ data: { n: [ { numeric: [ \"<\" ] } ] } }",
            "{ data: { n: [ { numeric: [ \"!=\", 3 ] } ] } }",
            "{ type: [ true ] }",
            "{ a: [ x ], b: [ x ], c: [ x ], d: [ x ], e: [ x ], f: [ x ] }",
    })
    void rejectsInvalidPatternsNamingTheSubscription(String pattern) {
        assertThatThrownBy(() -> parse(HEAD + "subscriptions:\n  - { name: s, queue: event-log, pattern: " + pattern + " }\n"))
                .hasMessageContaining("catalog: subscription s:");
    }

    /** What the catalog accepts, AWS's own engine (EventBridge's, as the local runtime uses it) compiles too. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{ type: [ { prefix: \"message.\" } ] }",
            "{ type: [ message.bounced, message.complained ], workspaceid: [ ws_1 ] }",
            "{ type: [ { anything-but: [ message.opened, message.clicked ] } ] }",
            "{ type: [ { anything-but: { prefix: \"api-key.\" } } ] }",
            "{ subject: [ { exists: false } ] }",
            "{ data: { attempt: [ { numeric: [ \">=\", 2, \"<\", 6 ] } ], ipId: [ ip_1 ] } }",
            "{ data: { code: [ 550, 551 ] } }",
    })
    void acceptedPatternsCompileWithEventRuler(String pattern) throws IOException {
        FunctionCatalog catalog = parse(HEAD + "subscriptions:\n  - { name: s, queue: event-log, pattern: " + pattern + " }\n");

        assertThat(RuleCompiler.check(catalog.subscriptions().get(0).patternJson())).isNull();
    }

    private static FunctionCatalog parse(String yaml) throws IOException {
        return FunctionCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
