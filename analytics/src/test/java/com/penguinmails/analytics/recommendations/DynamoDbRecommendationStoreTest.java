package com.penguinmails.analytics.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.Recommendation.Status;
import com.penguinmails.analytics.recommendations.internal.DynamoDbRecommendationStore;
import com.penguinmails.analytics.recommendations.internal.DynamoDbWorkspaceDirectory;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The recommendations table on dynalite, as the catalog creates it. */
class DynamoDbRecommendationStoreTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private final TestClock clock = new TestClock(Instant.parse("2026-06-10T12:00:00Z"));
    private Platform platform;
    private RecommendationStore store;

    @BeforeEach
    void setUp() {
        platform = TestPlatforms.withAllTables(DYNAMO, clock, Map.of());
        store = new DynamoDbRecommendationStore(platform.dynamoDb(), platform.tableName("recommendations"));
    }

    @Test
    void savedRecommendation_readsBackWhole_andOnlyInItsWorkspace() {
        Recommendation open = recommendation("ws_1").build();

        assertThat(store.save(open, 0)).isTrue();

        assertThat(store.list("ws_1")).containsExactly(open.toBuilder().version(1).build());
        assertThat(store.list("ws_2")).isEmpty();
    }

    @Test
    void save_isConditionalOnTheVersionRead() {
        Recommendation open = recommendation("ws_1").build();
        assertThat(store.save(open, 0)).isTrue();
        // a second "first" write lost the race
        assertThat(store.save(open, 0)).isFalse();

        Recommendation fixed = open.toBuilder().status(Status.FIXED).fixedAt(clock.instant().plusSeconds(3600)).build();
        assertThat(store.save(fixed, 1)).isTrue();
        assertThat(store.save(fixed, 1)).isFalse();

        Recommendation stored = store.list("ws_1").get(0);
        assertThat(stored.status()).isEqualTo(Status.FIXED);
        assertThat(stored.fixedAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void workspaceDirectory_visitsEveryWorkspace() {
        for (String id : List.of("ws_a", "ws_b", "ws_c")) {
            platform.dynamoDb().putItem(r -> r.tableName(platform.tableName("workspaces"))
                    .item(Map.of("workspaceId", AttributeValue.fromS(id), "name", AttributeValue.fromS(id))));
        }
        List<String> seen = new ArrayList<>();

        new DynamoDbWorkspaceDirectory(platform.dynamoDb(), platform.tableName("workspaces")).forEachWorkspace(seen::add);

        assertThat(seen).containsExactlyInAnyOrder("ws_a", "ws_b", "ws_c");
    }

    private Recommendation.Builder recommendation(String workspaceId) {
        return Recommendation.builder().from(new Finding(RecommendationType.DKIM, Impact.HIGH, "domain:mail.example.com",
                        "DKIM for mail.example.com is missing.", new Evidence("dkimRecordsFound", 1, 3, "lastCheck", 3),
                        "Publish the three DKIM CNAME records."))
                .workspaceId(workspaceId).createdAt(clock.instant()).updatedAt(clock.instant());
    }
}
