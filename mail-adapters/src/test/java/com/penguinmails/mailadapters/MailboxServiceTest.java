package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.MailboxServiceContract;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.Pacing;
import com.penguinmails.sending.mailboxes.SendingWindow;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link MailboxServiceContract} on DynamoDB (dynalite): the items as stored, and settings after a round trip. */
class MailboxServiceTest extends MailboxServiceContract {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private Platform platform;

    @Override
    protected MailboxService newService() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key()));
        return MailWiring.mailboxService(platform);
    }

    @Override
    protected SendLedger ledger() {
        return SendingWiring.sendLedger(platform);
    }

    @Override
    protected void storeOldRowPacing(String workspaceId, String mailboxId, Pacing pacing) {
        // The attributes the mailbox store wrote on the mailbox's row before the pacing had an item of its own.
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        String[] names = {"nextSendNotBefore", "slotCursor", "nextWarmupAt"};
        Instant[] instants = {pacing.nextSendNotBefore(), pacing.slotCursor(), pacing.nextWarmupAt()};
        for (int i = 0; i < names.length; i++) {
            if (instants[i] != null) {
                sets.add(names[i] + " = :v" + i);
                values.put(":v" + i, AttributeValue.fromN(Long.toString(instants[i].toEpochMilli())));
            }
        }
        platform.dynamoDb().updateItem(r -> r.tableName(platform.tableName("sending-resources"))
                .key(Map.of("workspaceId", AttributeValue.fromS(workspaceId), "resourceKey", AttributeValue.fromS("mailbox#" + mailboxId)))
                .updateExpression("SET " + String.join(", ", sets)).expressionAttributeValues(values));
    }

    @Override
    protected List<String> storedItems() {
        return platform.dynamoDb().scan(r -> r.tableName(platform.tableName("sending-resources"))).items().stream()
                .map(Object::toString).toList();
    }
}
