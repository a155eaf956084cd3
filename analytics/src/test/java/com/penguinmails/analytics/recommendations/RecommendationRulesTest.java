package com.penguinmails.analytics.recommendations;

import static com.penguinmails.analytics.recommendations.FakeRollups.counts;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.analytics.Rate;
import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.SendingState.CapUsage;
import com.penguinmails.analytics.recommendations.SendingState.DayUse;
import com.penguinmails.analytics.variants.VariantReport;
import com.penguinmails.analytics.variants.VariantService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule on its own, on fakes of the roll-ups and the sending side, stamped relative to a fixed "now". */
class RecommendationRulesTest {

    private static final String WS = "ws_1";
    private final Instant now = Instant.parse("2026-06-10T12:00:00Z");
    private final Instant yesterday = now.minus(Duration.ofDays(1));
    private final FakeRollups rollups = new FakeRollups();

    @Test
    void complaintRate_lowAtPointOnePercent_highAtPointThree() {
        rollups.add(Map.of(Dimension.DOMAIN, "a.example"), yesterday, counts(Metric.SENT, 10_000, Metric.COMPLAINED, 12))
                .add(Map.of(Dimension.DOMAIN, "b.example"), yesterday, counts(Metric.SENT, 10_000, Metric.COMPLAINED, 31))
                .add(Map.of(Dimension.DOMAIN, "c.example"), yesterday, counts(Metric.SENT, 10_000, Metric.COMPLAINED, 9));

        List<Finding> findings = new ComplaintRateRule(rollups, Thresholds.DEFAULTS).findings(WS, now);

        assertThat(findings).extracting(Finding::resource, Finding::impact).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("domain:a.example", Impact.LOW),
                org.assertj.core.groups.Tuple.tuple("domain:b.example", Impact.HIGH));
        assertThat(findings).filteredOn(f -> f.impact() == Impact.HIGH).singleElement()
                .satisfies(f -> assertThat(f.evidence().threshold()).isEqualTo(0.003));
    }

    @Test
    void providerFarBelowTheOthers_isFlagged_aSmallOrChanceGapIsNot() {
        rollups.add(Map.of(Dimension.PROVIDER, "gmail"), yesterday, counts(Metric.SENT, 1000, Metric.DELIVERED, 990))
                .add(Map.of(Dimension.PROVIDER, "yahoo"), yesterday, counts(Metric.SENT, 1000, Metric.DELIVERED, 985))
                .add(Map.of(Dimension.PROVIDER, "microsoft"), yesterday, counts(Metric.SENT, 1000, Metric.DELIVERED, 800,
                        Metric.PLACED_INBOX, 150, Metric.PLACED_SPAM, 150))
                // far below but on too few sends
                .add(Map.of(Dimension.PROVIDER, "apple"), yesterday, counts(Metric.SENT, 50, Metric.DELIVERED, 20))
                .add(Map.of(Dimension.PROVIDER, "other"), yesterday, counts(Metric.PLACED_INBOX, 290, Metric.PLACED_SPAM, 10));

        List<Finding> findings = new ProviderGapRule(rollups, Thresholds.DEFAULTS).findings(WS, now);

        assertThat(findings).extracting(Finding::type, Finding::resource).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(RecommendationType.PROVIDER_DELIVERY, "provider:microsoft"),
                org.assertj.core.groups.Tuple.tuple(RecommendationType.PROVIDER_PLACEMENT, "provider:microsoft"));
        Finding delivery = findings.stream().filter(f -> f.type() == RecommendationType.PROVIDER_DELIVERY).findFirst().orElseThrow();
        assertThat(delivery.evidence().metric()).isEqualTo("deliverability");
        assertThat(delivery.evidence().observed()).isEqualTo(0.8);
        assertThat(delivery.evidence().sampleSize()).isEqualTo(1000);
        assertThat(delivery.description()).contains("microsoft").contains("p = ");
    }

    @Test
    void warmupCap_nearTheCapTodayOrYesterday_highWhenEveryDay() {
        LocalDate today = LocalDate.of(2026, 6, 10);
        FakeSendingState sending = new FakeSendingState();
        sending.usage.add(new CapUsage("ip", "ip_1", "203.0.113.7", List.of(new DayUse(today, 950, 1000),
                new DayUse(today.minusDays(1), 1000, 1000), new DayUse(today.minusDays(2), 480, 500))));
        sending.usage.add(new CapUsage("mailbox", "mbx_1", "sam@example.com", List.of(new DayUse(today, 10, 40),
                new DayUse(today.minusDays(1), 37, 40), new DayUse(today.minusDays(2), 5, 40))));
        sending.usage.add(new CapUsage("mailbox", "mbx_2", "lee@example.com", List.of(new DayUse(today, 10, 40),
                new DayUse(today.minusDays(1), 20, 40), new DayUse(today.minusDays(2), 40, 40))));
        sending.usage.add(new CapUsage("ip", "ip_paused", "203.0.113.8", List.of(new DayUse(today, 0, 0))));

        List<Finding> findings = new WarmupCapRule(sending, Thresholds.DEFAULTS).findings(WS, now);

        assertThat(findings).extracting(Finding::resource, Finding::impact).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ip:ip_1", Impact.HIGH),
                org.assertj.core.groups.Tuple.tuple("mailbox:mbx_1", Impact.LOW));
        assertThat(findings.get(0).action()).contains("Add a dedicated IP");
    }

    @Test
    void bestSendingHours_onlyWhenTheHoursDifferSignificantly() {
        for (int hour = 8; hour <= 11; hour++) {
            long opens = hour == 9 ? 250 : 100;
            rollups.add(Map.of(Dimension.SEND_HOUR, String.format("%02d", hour)), yesterday,
                    counts(Metric.SENT, 1000, Metric.DELIVERED, 1000, Metric.UNIQUE_OPENED, opens, Metric.REPLIED, 10));
        }
        List<Finding> findings = new SendHourRule(rollups, Thresholds.DEFAULTS).findings(WS, now);

        // opens differ (09 is far ahead); replies are 1 % everywhere, so no advice on replies
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("sendHour:uniqueOpenRate");
            assertThat(f.description()).startsWith("Mail sent at 09:00 UTC (25.00 %)");
            assertThat(f.evidence().observed()).isEqualTo(0.25);
            assertThat(f.evidence().sampleSize()).isEqualTo(4000);
        });
    }

    @Test
    void bestSendingHours_noAdviceFromNoise() {
        rollups.add(Map.of(Dimension.SEND_HOUR, "08"), yesterday, counts(Metric.SENT, 1000, Metric.DELIVERED, 1000, Metric.UNIQUE_OPENED, 100))
                .add(Map.of(Dimension.SEND_HOUR, "09"), yesterday, counts(Metric.SENT, 1000, Metric.DELIVERED, 1000, Metric.UNIQUE_OPENED, 108));

        assertThat(new SendHourRule(rollups, Thresholds.DEFAULTS).findings(WS, now)).isEmpty();
    }

    @Test
    void winningVariant_onlyWhenSignificantAndEveryArmHas200Sends() {
        rollups.add(Map.of(Dimension.CAMPAIGN, "cmp_1", Dimension.VARIANT, "A"), yesterday, counts(Metric.SENT, 1000, Metric.REPLIED, 20))
                .add(Map.of(Dimension.CAMPAIGN, "cmp_1", Dimension.VARIANT, "B"), yesterday, counts(Metric.SENT, 1000, Metric.REPLIED, 60))
                // cmp_2's B leads by far but has only 150 sends: too early
                .add(Map.of(Dimension.CAMPAIGN, "cmp_2", Dimension.VARIANT, "A"), yesterday, counts(Metric.SENT, 1000, Metric.REPLIED, 10))
                .add(Map.of(Dimension.CAMPAIGN, "cmp_2", Dimension.VARIANT, "B"), yesterday, counts(Metric.SENT, 150, Metric.REPLIED, 30));

        List<Finding> findings = new VariantWinnerRule(new VariantService(rollups), Thresholds.DEFAULTS).findings(WS, now);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("campaign:cmp_1");
            assertThat(f.description()).startsWith("Variant B of campaign cmp_1 wins on replyRate");
            assertThat(f.evidence()).isEqualTo(new Evidence("replyRate", 0.06, 0.02, "P28D", 2000));
        });
    }

    @Test
    void variantReport_marksTooEarlyArmsAndComparesEachWithTheBest() {
        rollups.add(Map.of(Dimension.CAMPAIGN, "cmp_2", Dimension.VARIANT, "A"), yesterday,
                        counts(Metric.SENT, 1000, Metric.DELIVERED, 990, Metric.UNIQUE_OPENED, 300, Metric.REPLIED, 10))
                .add(Map.of(Dimension.CAMPAIGN, "cmp_2", Dimension.VARIANT, "B"), yesterday,
                        counts(Metric.SENT, 150, Metric.DELIVERED, 150, Metric.UNIQUE_OPENED, 60, Metric.REPLIED, 30));

        VariantReport report = new VariantService(rollups).byCampaign(WS, "cmp_2", now.minus(Duration.ofDays(30)), now, Rate.REPLY_RATE);

        assertThat(report.winner()).isEmpty();
        assertThat(report.arms()).extracting(a -> a.name() + ":" + a.tooEarly()).containsExactlyInAnyOrder("A:false", "B:true");
        assertThat(report.verdicts().get(Rate.REPLY_RATE).verdict()).startsWith("too early");
        // the best by reply rate is chosen among arms with enough sends: A
        assertThat(report.arms()).filteredOn(a -> a.name().equals("A")).singleElement()
                .satisfies(a -> assertThat(a.standings().get(Rate.REPLY_RATE).best()).isTrue());
    }
}
