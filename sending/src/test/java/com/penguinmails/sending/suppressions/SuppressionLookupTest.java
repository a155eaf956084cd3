package com.penguinmails.sending.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.CountingDynamoDb;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.sending.suppressions.internal.DynamoDbSuppressionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DynamoDbSuppressionStore#findAll} on dynalite answers exactly what one {@link SuppressionStore#find} per
 * address answers, sparse list or dense, and a sparse list costs a page or two instead of a query per address.
 */
class SuppressionLookupTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String WS = "ws_SuppressionLookup000001";

    private final TestClock clock = new TestClock(Instant.parse("2027-05-04T09:00:00Z"));
    private CountingDynamoDb dynamoDb;
    private DynamoDbSuppressionStore store;

    @BeforeEach
    void setUp() {
        Platform platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        dynamoDb = new CountingDynamoDb(platform.dynamoDb());
        store = new DynamoDbSuppressionStore(dynamoDb.client(), platform.tableName("suppressions"));
    }

    @Test
    void aSparseListAnswersAThousandAddressesInAFewPagesWithEveryScope() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            recipients.add("reader" + i + "@example.org");
        }
        suppress("reader17@example.org", "workspace");
        suppress("reader17@example.org", "campaign:spring");
        suppress("reader500@example.org", "campaign:autumn");
        suppress("reader999@example.org", "workspace");
        // Near misses: a longer address that shares a prefix, soft-bounce counters, a list entry nobody sends to.
        suppress("reader1@example.org.au", "workspace");
        store.countSoftBounce(WS, "reader2@example.org");
        suppress("someone-else@example.org", "workspace");

        dynamoDb.reset();
        Map<String, List<Suppression>> found = store.findAll(WS, recipients);

        assertThat(dynamoDb.calls("query")).as("one page: seven entries lie between the first and the last address").isEqualTo(1);
        assertThat(found).hasSize(1000);
        assertThat(found.get("reader17@example.org")).extracting(Suppression::scope).containsExactlyInAnyOrder("workspace", "campaign:spring");
        assertThat(found.get("reader500@example.org")).extracting(Suppression::scope).containsExactly("campaign:autumn");
        assertThat(found.get("reader999@example.org")).extracting(Suppression::scope).containsExactly("workspace");
        assertThat(found.get("reader1@example.org")).as("a@b.com is not a@b.com.au").isEmpty();
        assertThat(found.get("reader2@example.org")).as("a soft-bounce counter is no suppression").isEmpty();
        assertThat(found.values().stream().mapToInt(List::size).sum()).isEqualTo(4);
    }

    @Test
    void anyMixOfDenseAndSparseAnswersWhatOneQueryPerAddressAnswers() {
        Random random = new Random(42);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String address = "p" + random.nextInt(600) + "@" + (random.nextBoolean() ? "a.test" : "b.test");
            if (random.nextInt(3) == 0) {
                recipients.add(address);
            }
            if (random.nextInt(4) > 0) {
                suppress(address, random.nextBoolean() ? "workspace" : "campaign:c" + random.nextInt(3));
            }
            if (random.nextInt(5) == 0) {
                store.countSoftBounce(WS, address);
            }
        }
        // A dense stretch nobody in the submission is in: a page there reaches past no address, and the rest go one by one.
        for (int i = 0; i < 60; i++) {
            suppress("m" + i + "@c.test", "workspace");
        }
        recipients.add("l@c.test");
        recipients.add("n@c.test");
        recipients.add("zz-not-listed@b.test");
        recipients.add("p1@a.test");

        dynamoDb.reset();
        Map<String, List<Suppression>> found = store.findAll(WS, recipients);
        int bulkQueries = dynamoDb.calls("query");

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(recipients.stream().distinct().toList());
        for (String address : found.keySet()) {
            assertThat(sorted(found.get(address))).as(address).isEqualTo(sorted(store.find(WS, address)));
        }
        assertThat(bulkQueries).as("at worst one page more than a query per address").isLessThanOrEqualTo(found.size() + 1)
                .as("the dense stretch turned it to one query per address").isGreaterThan(found.size() / 2);
    }

    private void suppress(String email, String scope) {
        store.add(new Suppression(WS, email, scope, Suppression.Reason.MANUAL, "test", clock.instant()));
    }

    private static List<String> sorted(List<Suppression> suppressions) {
        return suppressions.stream().map(s -> s.email() + "|" + s.scope() + "|" + s.reason()).sorted(Comparator.naturalOrder()).toList();
    }
}
