package com.penguinmails.analytics.recommendations;

import static com.penguinmails.analytics.recommendations.FakeRollups.counts;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.Recommendation.Status;
import com.penguinmails.analytics.recommendations.SendingState.Check;
import com.penguinmails.analytics.recommendations.SendingState.DomainAuthentication;
import com.penguinmails.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommendationEvaluatorTest {

    private static final String WS = "ws_1";
    private static final Check PASS_SPF = new Check(1, 1, "v=spf1 include:amazonses.com ~all");
    private static final Check PASS_DKIM = new Check(3, 3, "");
    private static final Check PASS_DMARC = new Check(1, 1, "v=DMARC1; p=none");

    private final TestClock clock = new TestClock(Instant.parse("2026-06-10T12:00:00Z"));
    private final InMemoryRecommendationStore store = new InMemoryRecommendationStore();
    private final FakeSendingState sending = new FakeSendingState();
    private final FakeRollups rollups = new FakeRollups();
    private final RecommendationEvaluator evaluator = new RecommendationEvaluator(
            List.of(new AuthenticationRule(sending), new BounceRateRule(rollups, Thresholds.DEFAULTS)), store, clock);

    @Test
    void newFinding_opensWithCreatedAt_thenFixedKeepsBothTimes_thenReopens() {
        // GIVEN a domain whose DKIM records are missing
        sending.domains.add(new DomainAuthentication("mail.example.com", PASS_SPF, new Check(0, 3, ""), PASS_DMARC, clock.instant()));
        Instant opened = clock.instant();

        // WHEN evaluated
        RecommendationEvaluator.Outcome first = evaluator.evaluate(WS);

        // THEN one high-impact DKIM recommendation is open
        assertThat(first.opened()).isEqualTo(1);
        Recommendation dkim = store.only(RecommendationType.DKIM);
        assertThat(dkim.status()).isEqualTo(Status.OPEN);
        assertThat(dkim.impact()).isEqualTo(Impact.HIGH);
        assertThat(dkim.resource()).isEqualTo("domain:mail.example.com");
        assertThat(dkim.createdAt()).isEqualTo(opened);
        assertThat(dkim.fixedAt()).isNull();
        assertThat(dkim.evidence()).isEqualTo(new Evidence("dkimRecordsFound", 0, 3, "lastCheck", 3));
        assertThat(dkim.id()).isEqualTo(Recommendation.idFor(RecommendationType.DKIM, "domain:mail.example.com"));

        // WHEN still there an hour later THEN it is refreshed, not duplicated
        clock.advance(Duration.ofHours(1));
        assertThat(evaluator.evaluate(WS).refreshed()).isEqualTo(1);
        assertThat(store.only(RecommendationType.DKIM).updatedAt()).isEqualTo(clock.instant());
        assertThat(store.only(RecommendationType.DKIM).createdAt()).isEqualTo(opened);

        // WHEN the records are published THEN it is fixed, with both times kept
        sending.domains.set(0, new DomainAuthentication("mail.example.com", PASS_SPF, PASS_DKIM, PASS_DMARC, clock.instant()));
        clock.advance(Duration.ofHours(1));
        Instant fixedAt = clock.instant();
        assertThat(evaluator.evaluate(WS).fixed()).isEqualTo(1);
        Recommendation fixed = store.only(RecommendationType.DKIM);
        assertThat(fixed.status()).isEqualTo(Status.FIXED);
        assertThat(fixed.fixedAt()).isEqualTo(fixedAt);
        assertThat(fixed.createdAt()).isEqualTo(opened);

        // WHEN fixed and still fine THEN nothing changes
        clock.advance(Duration.ofHours(1));
        assertThat(evaluator.evaluate(WS).unchanged()).isEqualTo(1);
        assertThat(store.only(RecommendationType.DKIM).updatedAt()).isEqualTo(fixedAt);

        // WHEN the records break again THEN the same recommendation reopens
        sending.domains.set(0, new DomainAuthentication("mail.example.com", PASS_SPF, new Check(2, 3, "x"), PASS_DMARC, clock.instant()));
        clock.advance(Duration.ofHours(1));
        assertThat(evaluator.evaluate(WS).reopened()).isEqualTo(1);
        Recommendation reopened = store.only(RecommendationType.DKIM);
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(reopened.createdAt()).isEqualTo(opened);
        assertThat(reopened.fixedAt()).isEqualTo(fixedAt);
        assertThat(reopened.version()).isEqualTo(4);
    }

    @Test
    void neverVerifiedDomain_isMissingAllThree() {
        sending.domains.add(new DomainAuthentication("new.example.com", new Check(0, 1, null), new Check(0, 3, null), new Check(0, 1, null), null));

        evaluator.evaluate(WS);

        assertThat(store.items.values()).extracting(Recommendation::type)
                .containsExactlyInAnyOrder(RecommendationType.SPF, RecommendationType.DKIM, RecommendationType.DMARC);
        assertThat(store.only(RecommendationType.SPF).description()).contains("never verified");
    }

    @Test
    void failingRule_leavesItsRecommendationsOpen() {
        sending.domains.add(new DomainAuthentication("mail.example.com", PASS_SPF, new Check(0, 3, ""), PASS_DMARC, clock.instant()));
        evaluator.evaluate(WS);
        RecommendationRule broken = new RecommendationRule() {
            @Override
            public Set<RecommendationType> types() {
                return Set.of(RecommendationType.SPF, RecommendationType.DKIM, RecommendationType.DMARC);
            }

            @Override
            public List<Finding> findings(String workspaceId, Instant now) {
                throw new IllegalStateException("DNS down");
            }
        };

        RecommendationEvaluator.Outcome outcome = new RecommendationEvaluator(List.of(broken), store, clock).evaluate(WS);

        assertThat(outcome.failedRules()).isEqualTo(1);
        assertThat(outcome.fixed()).isZero();
        assertThat(store.only(RecommendationType.DKIM).status()).isEqualTo(Status.OPEN);
    }

    @Test
    void concurrentWrite_isLeftToTheOtherEvaluation() {
        sending.domains.add(new DomainAuthentication("mail.example.com", PASS_SPF, new Check(0, 3, ""), PASS_DMARC, clock.instant()));
        RecommendationStore racing = new RecommendationStore() {
            @Override
            public List<Recommendation> list(String workspaceId) {
                return List.of();
            }

            @Override
            public boolean save(Recommendation recommendation, long expectedVersion) {
                return false;
            }
        };

        RecommendationEvaluator.Outcome outcome = new RecommendationEvaluator(List.of(new AuthenticationRule(sending)), racing, clock).evaluate(WS);

        assertThat(outcome.lostRaces()).isEqualTo(1);
    }

    @Test
    void bounceRate_overFivePercentOnEnoughSends_opensPerDomainAndCampaign() {
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        rollups.add(Map.of(Dimension.DOMAIN, "mail.example.com"), yesterday, counts(Metric.SENT, 1000, Metric.BOUNCED_HARD, 60))
                .add(Map.of(Dimension.CAMPAIGN, "cmp_1"), yesterday, counts(Metric.SENT, 400, Metric.BOUNCED_HARD, 44))
                // too few sends to judge, however bad
                .add(Map.of(Dimension.CAMPAIGN, "cmp_2"), yesterday, counts(Metric.SENT, 100, Metric.BOUNCED_HARD, 50))
                // under the line
                .add(Map.of(Dimension.CAMPAIGN, "cmp_3"), yesterday, counts(Metric.SENT, 1000, Metric.BOUNCED_HARD, 49))
                // outside the 7-day window
                .add(Map.of(Dimension.CAMPAIGN, "cmp_4"), clock.instant().minus(Duration.ofDays(8)), counts(Metric.SENT, 1000, Metric.BOUNCED_HARD, 500));

        evaluator.evaluate(WS);

        assertThat(store.items.values()).filteredOn(r -> r.type() == RecommendationType.BOUNCE).extracting(Recommendation::resource)
                .containsExactlyInAnyOrder("domain:mail.example.com", "campaign:cmp_1");
        Recommendation campaign = store.items.values().stream().filter(r -> r.resource().equals("campaign:cmp_1")).findFirst().orElseThrow();
        assertThat(campaign.evidence()).isEqualTo(new Evidence("hardBounceRate", 0.11, 0.10, "P7D", 400));
        assertThat(campaign.description()).contains("11.00 %").contains("pause");
        assertThat(campaign.action()).contains("Clean the list");
    }

    @Test
    void service_filtersAndNamesTheValidChoices() {
        sending.domains.add(new DomainAuthentication("mail.example.com", PASS_SPF, new Check(0, 3, ""), new Check(0, 1, ""), clock.instant()));
        evaluator.evaluate(WS);
        RecommendationService service = new RecommendationService(store);

        assertThat(service.list(WS, "open", "high", "dkim")).extracting(Recommendation::type).containsExactly(RecommendationType.DKIM);
        assertThat(service.list(WS, "fixed", null, null)).isEmpty();
        assertThat(service.list("ws_other", null, null, null)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.list(WS, "closed", null, null))
                .hasMessageContaining("Valid: open, fixed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.list(WS, null, null, "dkimm"))
                .hasMessageContaining("spf, dkim, dmarc");
    }
}
