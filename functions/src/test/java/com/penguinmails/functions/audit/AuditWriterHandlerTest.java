package com.penguinmails.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.functions.testing.FunctionHarness;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.audit.AuditEvent;
import com.penguinmails.identity.audit.AuditQuery;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditWriterHandlerTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    @Test
    void writesGoodEventsOnceAndReportsOnlyThePoisonMessageAsFailed() {
        FunctionHarness harness = new FunctionHarness(DYNAMO);
        Platform platform = harness.platformFor("audit-writer", FunctionHarness.clock(), Map.of());
        AuditWriterHandler handler = new AuditWriterHandler(platform);
        SQSEvent batch = FunctionHarness.event("sqs/audit-events-batch.json", SQSEvent.class);

        SQSBatchResponse first = handler.handleRequest(batch, null);
        SQSBatchResponse redelivered = handler.handleRequest(batch, null);

        assertThat(first.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(redelivered.getBatchItemFailures()).hasSize(1);
        var written = IdentityWiring.auditLog(platform).query(new AuditQuery("ws_EXAMPLE000000000000000", null, null, null, null, null, 10)).items();
        assertThat(written).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("evt_EXAMPLE0000000000001");
            assertThat(e.outcome()).isEqualTo("revoked");
            assertThat(e.action()).isEqualTo("auth.failed");
        });
        assertThat(written.get(0).workspaceId()).isNotEqualTo(AuditEvent.UNATTRIBUTED);
    }
}
