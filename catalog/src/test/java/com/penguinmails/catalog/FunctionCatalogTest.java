package com.penguinmails.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionCatalogTest {

    private final FunctionCatalog catalog = FunctionCatalog.load();

    @Test
    void load_readsEveryFunctionWithItsTrigger() {
        assertThat(catalog.functions()).extracting(FunctionSpec::name)
                .contains("authorizer", "api-keys-api", "audit-writer", "api-key-expiry-sweeper");
        assertThat(catalog.authorizer()).map(FunctionSpec::name).hasValue("authorizer");
        assertThat(catalog.function("audit-writer").trigger().sqs().queue()).isEqualTo("audit-events");
        assertThat(catalog.function("api-key-expiry-sweeper").trigger().schedule().expression()).isEqualTo("rate(1 hour)");
    }

    @Test
    void match_fillsPathParametersLikeApiGateway() {
        var match = catalog.match("POST", "/v1/api-keys/key_123/rotate").orElseThrow();
        assertThat(match.route().routeKey()).isEqualTo("POST /v1/api-keys/{id}/rotate");
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "key_123"));
        assertThat(match.function().name()).isEqualTo("api-keys-api");
        assertThat(catalog.match("GET", "/v1/api-keys/key_1/rotate")).isEmpty();
        assertThat(catalog.match("PATCH", "/v1/api-keys")).isEmpty();
    }

    @Test
    void match_decodesPathParametersAsApiGatewayDoes() {
        assertThat(catalog.match("DELETE", "/v1/suppressions/ann%2Bnews@example.org").orElseThrow().pathParameters())
                .isEqualTo(Map.of("email", "ann+news@example.org"));
        assertThat(catalog.match("DELETE", "/v1/suppressions/ann+news@example.org").orElseThrow().pathParameters())
                .as("a plus in a path is a plus, not a space").isEqualTo(Map.of("email", "ann+news@example.org"));
        assertThat(catalog.match("GET", "/v1/api-keys/key_%zz")).as("a malformed escape matches no route").isEmpty();
    }

    @Test
    void environment_namesOnlyTheTablesAndQueuesTheFunctionUses() {
        ResourceNames local = new ResourceNames() {
            public String tableName(String table) { return "pm-" + table; }
            public String queueUrl(String queue) { return "http://q/" + queue; }
            public String eventTopicArn() { return "arn:aws:sns:us-east-1:000000000000:pm-events"; }
        };
        Map<String, String> env = catalog.function("api-keys-api").environment(local);
        assertThat(env).containsEntry("PM_TABLE_API_KEY_SECRETS", "pm-api-key-secrets")
                .containsEntry("PM_QUEUE_URL_AUDIT_EVENTS", "http://q/audit-events")
                .containsEntry("PM_FUNCTION_NAME", "api-keys-api")
                .containsEntry(FunctionSpec.TIMEOUT_VARIABLE, "15")
                .containsEntry(FunctionSpec.EVENT_TOPIC_VARIABLE, "arn:aws:sns:us-east-1:000000000000:pm-events")
                .doesNotContainKey("PM_TABLE_MESSAGES");
        assertThat(catalog.function("authorizer").environment(local)).containsEntry(FunctionSpec.TIMEOUT_VARIABLE, "10");
        assertThat(env.get(FunctionSpec.ROUTE_SCOPES_VARIABLE))
                .contains("POST /v1/api-keys=api-keys:manage").contains("GET /v1/api-keys/{id}=api-keys:read");
        assertThat(catalog.function("authorizer").environment(local)).as("it publishes nothing").doesNotContainKey(FunctionSpec.EVENT_TOPIC_VARIABLE);
        assertThat(catalog.function("authorizer").environment(local)).doesNotContainKey("PM_QUEUE_URL_AUDIT_EVENTS")
                .doesNotContainKey(FunctionSpec.ROUTE_SCOPES_VARIABLE);
    }

    @Test
    void parse_rejectsAFunctionThatUsesAnUndeclaredTable() {
        String yaml = """
                jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
                tables: []
                queues: []
                functions:
                  - name: f
                    handler: x.Y
                    jar: mail
                    trigger: { schedule: { expression: "rate(1 day)" } }
                    tables: [ { name: missing, access: read } ]
                """;
        assertThatThrownBy(() -> parse(yaml))
                .hasMessageContaining("undeclared table missing");
    }

    @Test
    void parse_rejectsATriggerWithTwoKinds() {
        String yaml = """
                jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
                tables: []
                queues: [ { name: q } ]
                functions:
                  - name: f
                    handler: x.Y
                    jar: mail
                    trigger: { schedule: { expression: "rate(1 day)" }, sqs: { queue: q } }
                """;
        assertThatThrownBy(() -> parse(yaml))
                .hasMessageContaining("exactly one of");
    }

    @Test
    void parse_rejectsAFunctionWithoutAJarOrWithAnUnknownOne() {
        String withoutJar = """
                jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
                tables: []
                queues: []
                functions:
                  - name: f
                    handler: x.Y
                    trigger: { schedule: { expression: "rate(1 day)" } }
                """;
        assertThatThrownBy(() -> parse(withoutJar))
                .hasMessageContaining("function f names no jar");
        String unknownJar = withoutJar.replace("    handler: x.Y", "    handler: x.Y\n    jar: big");
        assertThatThrownBy(() -> parse(unknownJar))
                .hasMessageContaining("function f names undeclared jar big; declared: [api, mail]");
    }

    @Test
    void parse_rejectsAnUnknownSecret() {
        String yaml = """
                jars: [ { name: api, module: functions }, { name: mail, module: functions-mail } ]
                tables: []
                queues: []
                functions:
                  - name: f
                    handler: x.Y
                    jar: api
                    secrets: [ tracking, database ]
                    trigger: { schedule: { expression: "rate(1 day)" } }
                """;
        assertThatThrownBy(() -> parse(yaml))
                .hasMessageContaining("unknown secret 'database'; one of [tracking]");
    }

    @Test
    void everyFunctionNamesItsJar() {
        assertThat(FunctionCatalog.load().functions()).allSatisfy(f -> assertThat(f.jar()).isNotNull());
        assertThat(FunctionCatalog.load().function("api-keys-api").jar()).isEqualTo(new FunctionJar("api"));
        assertThat(FunctionCatalog.load().function("sender").jar()).isEqualTo(new FunctionJar("mail"));
        FunctionCatalog catalog = FunctionCatalog.load();
        assertThat(catalog.jar(new FunctionJar("mail")).path()).isEqualTo(java.nio.file.Path.of("functions-mail/target/functions-mail.jar"));
        assertThat(catalog.functions()).allSatisfy(f -> assertThat(catalog.jars()).extracting(JarSpec::name).contains(f.jar()));
    }

    private static FunctionCatalog parse(String yaml) throws IOException {
        return FunctionCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
