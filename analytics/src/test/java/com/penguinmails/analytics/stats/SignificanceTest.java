package com.penguinmails.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.penguinmails.analytics.stats.Significance.Arm;
import com.penguinmails.analytics.stats.Significance.Comparison;
import com.penguinmails.analytics.stats.Significance.Homogeneity;
import com.penguinmails.analytics.stats.Significance.TwoProportions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void twoProportions_matchesTheTextbookZTest() {
        // 12 % of 1,000 against 9 % of 1,000: pooled 10.5 %, z = 0.03 / sqrt(0.105 * 0.895 * 0.002) = 2.188, p = 0.0287
        TwoProportions test = Significance.twoProportions(120, 1000, 90, 1000);

        assertThat(test.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(test.z()).isCloseTo(2.188, within(1e-3));
        assertThat(test.pValue()).isCloseTo(0.0287, within(1e-4));
        assertThat(test.significant()).isTrue();
        // Wald interval: 0.03 +- 1.96 * sqrt(0.12*0.88/1000 + 0.09*0.91/1000) = 0.03 +- 0.0268
        assertThat(test.low95()).isCloseTo(0.0032, within(1e-4));
        assertThat(test.high95()).isCloseTo(0.0568, within(1e-4));
    }

    @Test
    void twoProportions_smallDifferenceOnFewTrialsIsNotSignificant() {
        TwoProportions test = Significance.twoProportions(12, 100, 9, 100);

        assertThat(test.pValue()).isGreaterThan(0.05);
        assertThat(test.significant()).isFalse();
        assertThat(test.low95()).isNegative();
        assertThat(test.high95()).isPositive();
    }

    @Test
    void twoProportions_nothingToTellApart_givesPValueOne() {
        assertThat(Significance.twoProportions(0, 500, 0, 500).pValue()).isEqualTo(1.0);
        assertThat(Significance.twoProportions(0, 0, 5, 10).significant()).isFalse();
    }

    @Test
    void twoProportions_rejectsMoreSuccessesThanTrials() {
        assertThatThrownBy(() -> Significance.twoProportions(11, 10, 1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and trials");
    }

    @Test
    void homogeneity_ofTwoGroupsEqualsTheZTestSquared() {
        Homogeneity test = Significance.homogeneity(new long[] {120, 90}, new long[] {1000, 1000});

        assertThat(test.chiSquare()).isCloseTo(2.188 * 2.188, within(1e-2));
        assertThat(test.pValue()).isCloseTo(Significance.twoProportions(120, 1000, 90, 1000).pValue(), within(1e-9));
        assertThat(test.degreesOfFreedom()).isEqualTo(1);
    }

    @Test
    void homogeneity_acrossHoursFindsTheOneThatDiffers() {
        long[] opens = {100, 102, 98, 160};
        long[] sends = {1000, 1000, 1000, 1000};

        Homogeneity test = Significance.homogeneity(opens, sends);

        assertThat(test.significant()).isTrue();
        assertThat(test.degreesOfFreedom()).isEqualTo(3);
        assertThat(Significance.homogeneity(new long[] {100, 102, 98}, new long[] {1000, 1000, 1000}).significant()).isFalse();
    }

    @Test
    void homogeneity_skipsEmptyGroupsAndNeedsTwo() {
        assertThat(Significance.homogeneity(new long[] {5, 0}, new long[] {50, 0}).pValue()).isEqualTo(1.0);
        assertThat(Significance.homogeneity(new long[] {0, 0}, new long[] {50, 60}).significant()).isFalse();
    }

    @Test
    void compare_namesAWinnerOnlyWhenSignificantAndEveryArmHasEnoughSends() {
        Comparison comparison = Significance.compare(List.of(new Arm("A", 60, 1000), new Arm("B", 120, 1000)));

        assertThat(comparison.winner()).contains("B");
        assertThat(comparison.arms()).filteredOn(r -> r.best()).singleElement().satisfies(r -> assertThat(r.arm().name()).isEqualTo("B"));
        assertThat(comparison.arms()).filteredOn(r -> !r.best()).singleElement().satisfies(r -> {
            assertThat(r.significant()).isTrue();
            assertThat(r.vsBest()).hasValueSatisfying(t -> assertThat(t.difference()).isCloseTo(-0.06, within(1e-12)));
        });
    }

    @Test
    void compare_armUnder200SendsIsTooEarlyAndBlocksAWinner() {
        Comparison comparison = Significance.compare(List.of(new Arm("A", 10, 1000), new Arm("B", 90, 199)));

        assertThat(comparison.winner()).isEmpty();
        assertThat(comparison.verdict()).startsWith("too early");
        assertThat(comparison.arms()).filteredOn(r -> r.arm().name().equals("B")).singleElement()
                .satisfies(r -> assertThat(r.tooEarly()).isTrue());
        // the best is chosen among arms with enough sends, so a lucky small arm is not the yardstick
        assertThat(comparison.arms()).filteredOn(r -> r.best()).singleElement().satisfies(r -> assertThat(r.arm().name()).isEqualTo("A"));
    }

    @Test
    void compare_noWinnerWhenTheLeadIsChance() {
        Comparison comparison = Significance.compare(List.of(new Arm("A", 100, 1000), new Arm("B", 104, 1000), new Arm("C", 99, 1000)));

        assertThat(comparison.winner()).isEmpty();
        assertThat(comparison.verdict()).isEqualTo("no significant difference yet");
    }

    @Test
    void compare_correctsForTestingManyArmsAgainstOneBest() {
        // p ~ 0.03 passes 0.05 alone, but not 0.05 / 2 with three arms
        Comparison two = Significance.compare(List.of(new Arm("A", 120, 1000), new Arm("B", 90, 1000)));
        Comparison three = Significance.compare(List.of(new Arm("A", 120, 1000), new Arm("B", 90, 1000), new Arm("C", 20, 1000)));

        assertThat(two.winner()).contains("A");
        assertThat(three.winner()).isEmpty();
    }

    @Test
    void arm_of_capsLateSuccessesAtTrials() {
        assertThat(Arm.of("x", 12, 10)).isEqualTo(new Arm("x", 10, 10));
    }
}
