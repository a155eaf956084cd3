package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.ledger.internal.DynamoDbSendLedger;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mailboxes.internal.DynamoDbMailboxStore;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import com.penguinmails.sending.messages.Content;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageStatus;
import com.penguinmails.sending.messages.OutboundQueue;
import com.penguinmails.sending.messages.TimelineEntry;
import com.penguinmails.sending.outbound.RetryPolicy;
import com.penguinmails.sending.outbound.SendingService;
import com.penguinmails.sending.testing.InMemoryWorld;
import com.penguinmails.sending.testing.PinnedRandom;
import com.penguinmails.sending.warmup.WarmupPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A mailbox's send pacing on DynamoDB (dynalite), through the sender: two senders racing on one mailbox never send
 * within the gap (each is made to read the pacing before the other writes it), a mailbox whose pacing is still only
 * on its row from before the move keeps its gap, and a workspace's mailboxes pace on partition keys of their own,
 * not on the workspace's. Messages, schedule and suppressions are the in-memory fakes: only the mailbox store and
 * the ledger, which the pacing now shares a partition with, are on dynalite.
 */
class MailboxPacingDynamoDbTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    /** A Friday, 10:00 UTC: inside a mailbox's default working hours (09:00 to 17:00 UTC, Monday to Friday). */
    private static final Instant FRIDAY_10 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String WS = InMemoryWorld.WS;

    private record Send(Instant at, String mailboxId, String messageIdHeader) {}

    /** One write request: its table and the value of the table's partition key. */
    private record Write(String table, String partitionKey) {}

    private final InMemoryWorld world = new InMemoryWorld(FRIDAY_10, PinnedRandom.lowest());
    private final List<Send> sends = Collections.synchronizedList(new ArrayList<>());
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    /** Set by a racing sender's thread: its first read of the pacing waits there until the other sender has read it too. */
    private final ThreadLocal<CountDownLatch> meetAfterPacingRead = new ThreadLocal<>();
    private final List<Boolean> met = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private Platform platform;
    private DynamoDbClient dynamoDb;
    private MailboxService mailboxes;
    private SendLedger ledger;
    private int messageCount;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, world.clock, Map.of());
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(DYNAMO.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new Observer()))
                .build();
        ledger = new DynamoDbSendLedger(dynamoDb, platform.tableName("send-ledger"));
        mailboxes = new MailboxService(new DynamoDbMailboxStore(dynamoDb, platform.tableName("sending-resources"), platform.tableName("send-ledger")),
                ledger, LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key()), world.audit, world.clock, WarmupPolicy.defaults(),
                ServerOverrides.NONE);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        dynamoDb.close();
    }

    @Test
    void twoSendersRacingOnOneMailboxNeverSendWithinTheGapAndSendEachMessageOnce() throws Exception {
        Mailbox mailbox = mailbox("ann@acme.test");
        Deque<OutboundQueue.Ticket> fresh = new ArrayDeque<>();
        for (int i = 0; i < 12; i++) {
            fresh.add(ticket(queued(mailbox)));
        }
        List<SendingService> senders = List.of(sender(1), sender(2));

        int races = 0;
        for (int step = 0; sends.size() < 12 && step < 200; step++) {
            // What is due now, and new mail arriving alongside it, two tickets at a time on the two senders at once.
            List<OutboundQueue.Ticket> now = new ArrayList<>(world.due.takeDue(world.clock.instant(), 100));
            for (int i = step == 0 ? 2 : 1; i > 0 && !fresh.isEmpty(); i--) {
                now.add(fresh.poll());
            }
            for (int i = 0; i < now.size(); i += 2) {
                List<OutboundQueue.Ticket> pair = now.subList(i, Math.min(now.size(), i + 2));
                race(pair, senders);
                races += pair.size() == 2 ? 1 : 0;
            }
            List<Instant> scheduled = world.due.scheduledTimes();
            world.clock.advance(scheduled.isEmpty() ? Duration.ofMinutes(1) : Duration.between(world.clock.instant(), scheduled.get(0)));
        }

        List<Instant> times = sends.stream().map(Send::at).sorted().toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("gap before send " + i)
                    .isGreaterThanOrEqualTo(MailboxPacer.MIN_GAP);
        }
        assertThat(sends).extracting(Send::messageIdHeader).as("each message sent once").hasSize(12).doesNotHaveDuplicates();
        assertThat(met).as("every racing sender met the other after reading the pacing").doesNotContain(false);
        assertThat(races).as("rounds where both senders read the same pacing before either wrote it").isGreaterThanOrEqualTo(10);
        LocalDate day = mailbox.window().localDate(FRIDAY_10);
        assertThat(ledger.history(mailbox.id(), day, day)).as("the day's row alone, not the pacing item in the same partition")
                .singleElement().satisfies(d -> assertThat(d.counts().sent()).isEqualTo(12));
    }

    @Test
    void aMailboxWhosePacingIsStillOnlyOnItsOldRowKeepsItsGapAndItsFirstSendMovesIt() {
        Mailbox mailbox = mailbox("ann@acme.test");
        Instant oldGate = FRIDAY_10.plusSeconds(200);
        Instant oldCursor = FRIDAY_10.plusSeconds(400);
        // As the store wrote it on the mailbox's row before the pacing had an item of its own.
        platform.dynamoDb().updateItem(r -> r.tableName(platform.tableName("sending-resources"))
                .key(Map.of("workspaceId", AttributeValue.fromS(WS), "resourceKey", AttributeValue.fromS("mailbox#" + mailbox.id())))
                .updateExpression("SET nextSendNotBefore = :gate, slotCursor = :cursor")
                .expressionAttributeValues(Map.of(":gate", millis(oldGate), ":cursor", millis(oldCursor))));
        Message message = queued(mailbox);

        SendingService sender = sender(PinnedRandom.lowest());

        assertThat(sender.send(ticket(message))).isEqualTo(SendingService.Outcome.DEFERRED);

        assertThat(world.due.scheduledTimes()).as("behind the queue the old row's cursor ends").containsExactly(oldCursor);
        assertThat(pacingItem(mailbox.id())).as("its own item, the cursor moved on by the drawn gap")
                .containsEntry("nextSendNotBefore", millis(oldGate))
                .containsEntry("slotCursor", millis(oldCursor.plus(MailboxPacer.MIN_GAP)));
        assertThat(mailboxes.get(WS, mailbox.id()).pacing()).as("the old row, left as it was")
                .isEqualTo(new Pacing(oldGate, oldCursor, null));
        assertThat(sends).isEmpty();

        world.clock.advance(Duration.between(FRIDAY_10, oldCursor));
        assertThat(sender.send(ticket(message))).isEqualTo(SendingService.Outcome.SENT);
        assertThat(sends).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(oldCursor));
    }

    @Test
    void aWorkspacesMailboxesPaceOnPartitionKeysOfTheirOwnAndNoSendWritesTheWorkspacesPartition() {
        List<Mailbox> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(mailbox("m" + i + "@acme.test"));
        }
        List<Message> messages = new ArrayList<>();
        for (Mailbox mailbox : five) {
            messages.add(queued(mailbox));
            messages.add(queued(mailbox));
        }
        writes.clear();
        SendingService sender = sender(1);

        List<SendingService.Outcome> outcomes = messages.stream().map(m -> sender.send(ticket(m))).toList();

        assertThat(outcomes).as("each mailbox's first sends, its second waits for the gap").containsExactly(
                SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED, SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED,
                SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED, SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED,
                SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED);
        Map<Write, Long> byKey = writes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byKey.keySet()).extracting(Write::table).as("nothing written on the workspace's sending-resources partition")
                .containsOnly(platform.tableName("send-ledger"));
        Map<Write, Long> expected = new HashMap<>();
        five.forEach(m -> expected.put(new Write(platform.tableName("send-ledger"), m.id()), 3L));
        assertThat(byKey).as("per mailbox, on its own key: two pacing writes (the send, the deferral) and the cap reservation")
                .isEqualTo(expected);
    }

    /** Both tickets at once, one on each sender, each sender's first pacing read waiting until the other's is done. */
    private void race(List<OutboundQueue.Ticket> tickets, List<SendingService> senders) throws Exception {
        CountDownLatch meet = new CountDownLatch(tickets.size());
        List<Future<SendingService.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            OutboundQueue.Ticket ticket = tickets.get(i);
            SendingService sender = senders.get(i);
            outcomes.add(threads.submit(() -> {
                meetAfterPacingRead.set(meet);
                try {
                    return sender.send(ticket);
                } finally {
                    meetAfterPacingRead.remove();
                }
            }));
        }
        for (Future<SendingService.Outcome> outcome : outcomes) {
            assertThat(outcome.get(30, TimeUnit.SECONDS)).isIn(SendingService.Outcome.SENT, SendingService.Outcome.DEFERRED);
        }
    }

    /** Records every write's partition key, and holds a racing sender after its first pacing read. */
    private final class Observer implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update) {
                writes.add(new Write(update.tableName(), partitionKey(update.tableName(), update.key())));
            } else if (context.request() instanceof PutItemRequest put) {
                writes.add(new Write(put.tableName(), partitionKey(put.tableName(), put.item())));
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            CountDownLatch meet = meetAfterPacingRead.get();
            if (meet != null && context.request() instanceof GetItemRequest get && get.tableName().equals(platform.tableName("send-ledger"))
                    && "pacing".equals(get.key().get("day").s())) {
                meetAfterPacingRead.remove(); // only the first read: a sender that lost the race reads again on its own
                meet.countDown();
                try {
                    met.add(meet.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    met.add(false);
                }
            }
        }

        private String partitionKey(String table, Map<String, AttributeValue> key) {
            return table.equals(platform.tableName("send-ledger")) ? key.get("resourceId").s() : key.get("workspaceId").s();
        }
    }

    private SendingService sender(long seed) {
        return sender(new Random(seed));
    }

    private SendingService sender(RandomGenerator random) {
        MailTransport transport = (email, identity) -> sends.add(new Send(world.clock.instant(), identity.resourceId(), email.messageIdHeader()));
        return new SendingService(world.messages, world.ips, ledger, world.suppressions, world.due, world.transport, world.links, world.clock,
                key -> world.messages.content(key[0], key[1]), key -> null, mailboxes, transport, RetryPolicy.defaults(), random);
    }

    private Map<String, AttributeValue> pacingItem(String mailboxId) {
        return platform.dynamoDb().getItem(r -> r.tableName(platform.tableName("send-ledger")).consistentRead(true)
                .key(Map.of("resourceId", AttributeValue.fromS(mailboxId), "day", AttributeValue.fromS("pacing")))).item();
    }

    private Mailbox mailbox(String email) {
        return mailboxes.create(world.caller(), new NewMailbox(email, null, new NewMailbox.Smtp("smtp.acme.test", 587, email, "s3cret", null, null),
                null, null, null, null, false, null, null));
    }

    private Message queued(Mailbox mailbox) {
        String n = Integer.toString(++messageCount);
        String contentId = "cnt_Pacing" + n;
        world.messages.putContent(new Content(contentId, WS, mailbox.email(), null, "Hi", "<p>Hello {{name}}</p>", null, Map.of(),
                false, false, "1 Penguin Way"));
        Message message = new Message("msg_0mh1qk2x4fPaces" + "0".repeat(5 - n.length()) + n, WS, contentId, "ada@example.org",
                Map.of("name", "Ada"), null, List.of(), null, mailbox.id(), null, MessageStatus.QUEUED,
                List.of(new TimelineEntry(MessageStatus.QUEUED, world.clock.instant(), null)), 0, null, null, world.clock.instant());
        world.messages.create(message);
        return message;
    }

    private static OutboundQueue.Ticket ticket(Message message) {
        return new OutboundQueue.Ticket(WS, message.id());
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }
}
