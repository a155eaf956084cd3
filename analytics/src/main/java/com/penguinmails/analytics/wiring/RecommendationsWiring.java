package com.penguinmails.analytics.wiring;

import com.penguinmails.analytics.RollupReader;
import com.penguinmails.analytics.recommendations.AuthenticationRule;
import com.penguinmails.analytics.recommendations.BounceRateRule;
import com.penguinmails.analytics.recommendations.ComplaintRateRule;
import com.penguinmails.analytics.recommendations.ProviderGapRule;
import com.penguinmails.analytics.recommendations.RecommendationEvaluator;
import com.penguinmails.analytics.recommendations.RecommendationService;
import com.penguinmails.analytics.recommendations.RecommendationStore;
import com.penguinmails.analytics.recommendations.SendHourRule;
import com.penguinmails.analytics.recommendations.SendingState;
import com.penguinmails.analytics.recommendations.Thresholds;
import com.penguinmails.analytics.recommendations.VariantWinnerRule;
import com.penguinmails.analytics.recommendations.WarmupCapRule;
import com.penguinmails.analytics.recommendations.WorkspaceDirectory;
import com.penguinmails.analytics.recommendations.internal.DynamoDbRecommendationStore;
import com.penguinmails.analytics.recommendations.internal.DynamoDbWorkspaceDirectory;
import com.penguinmails.analytics.recommendations.internal.SendingServicesState;
import com.penguinmails.analytics.variants.VariantService;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.ips.PoolProvisioner;
import java.util.List;

/** Builds recommendations and variant results from a {@link Platform}. */
public final class RecommendationsWiring {

    private RecommendationsWiring() {
    }

    /** For the hourly evaluation: every rule, over the roll-ups and the sending side's state. */
    public static RecommendationEvaluator evaluator(Platform platform) {
        RollupReader rollups = RollupWiring.reader(platform);
        SendingState sending = new SendingServicesState(SendingWiring.domainService(platform),
                SendingWiring.ipService(platform, PoolProvisioner.NONE), SendingWiring.mailboxServiceWithoutPasswords(platform),
                SendingWiring.sendLedger(platform));
        Thresholds thresholds = Thresholds.DEFAULTS;
        return new RecommendationEvaluator(List.of(
                new AuthenticationRule(sending),
                new BounceRateRule(rollups, thresholds),
                new ComplaintRateRule(rollups, thresholds),
                new ProviderGapRule(rollups, thresholds),
                new WarmupCapRule(sending, thresholds),
                new SendHourRule(rollups, thresholds),
                new VariantWinnerRule(new VariantService(rollups), thresholds)), store(platform), platform.clock());
    }

    public static WorkspaceDirectory workspaces(Platform platform) {
        return new DynamoDbWorkspaceDirectory(platform.dynamoDb(), platform.tableName("workspaces"));
    }

    /** For the API, which only reads them. */
    public static RecommendationService service(Platform platform) {
        return new RecommendationService(store(platform));
    }

    public static VariantService variants(Platform platform) {
        return new VariantService(RollupWiring.reader(platform));
    }

    private static RecommendationStore store(Platform platform) {
        return new DynamoDbRecommendationStore(platform.dynamoDb(), platform.tableName("recommendations"));
    }
}
