package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonScoreTest {

    @Test
    void eightyOneOf263At95PercentMatchesTheTextbookInterval() {
        // Textbook value [0.2553, 0.3662]; the formula evaluated in Python with
        // z = scipy.stats.norm.ppf(0.975) = 1.959963984540054 gives
        // [0.2552885198782742, 0.36620957698280004].
        Interval interval = WilsonScore.interval(81, 263, 0.95);

        assertThat(interval.low()).isCloseTo(0.2552885198782742, within(1e-9));
        assertThat(interval.high()).isCloseTo(0.36620957698280004, within(1e-9));
        assertThat(WilsonScore.interval(81, 263)).isEqualTo(interval);
    }

    @Test
    void allOrNothingStaysInsideTheUnitIntervalWithoutCollapsing() {
        // Python, same formula: 0 of 10 → [0, 0.2775327998628892]; 10 of 10 → [0.7224672001371107, 1].
        Interval none = WilsonScore.interval(0, 10, 0.95);
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.2775327998628892, within(1e-9));

        Interval all = WilsonScore.interval(10, 10, 0.95);
        assertThat(all.low()).isCloseTo(0.7224672001371107, within(1e-9));
        assertThat(all.high()).isLessThanOrEqualTo(1.0).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void higherConfidenceGivesAWiderInterval() {
        Interval at90 = WilsonScore.interval(81, 263, 0.90);
        Interval at99 = WilsonScore.interval(81, 263, 0.99);

        assertThat(at99.low()).isLessThan(at90.low());
        assertThat(at99.high()).isGreaterThan(at90.high());
        assertThat(at90.contains(81.0 / 263)).isTrue();
    }

    @Test
    void aSingleTrialStaysInsideTheUnitInterval() {
        // By hand: at one trial the bounds are z²/(1 + z²) and 1/(1 + z²), with z = 1.959963984540054:
        // 0 of 1 → [0, 0.7934506856227626]; 1 of 1 → [0.20654931437723742, 1].
        Interval none = WilsonScore.interval(0, 1);
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.7934506856227626, within(1e-9));
        Interval all = WilsonScore.interval(1, 1);
        assertThat(all.low()).isCloseTo(0.20654931437723742, within(1e-9));
        assertThat(all.high()).isEqualTo(1.0);
    }

    @Test
    void moreTrialsThanCommonsMathTakesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(1, 1L << 31, 0.95));
    }

    @Test
    void noTrialsIsTheUninformativeInterval() {
        assertThat(WilsonScore.interval(0, 0, 0.95)).isEqualTo(new Interval(0.0, 1.0));
    }

    @Test
    void rejectsImpossibleCountsAndConfidences() {
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(5, 4, 0.95));
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(-1, 4, 0.95));
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(0, -1, 0.95));
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(1, 4, 1.0));
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonScore.interval(1, 4, 0.0));
    }

    @Test
    void theNormalQuantileIsTheTextbookOne() {
        // scipy.stats.norm.ppf(0.975) = 1.959963984540054; norm.ppf(0.995) = 2.5758293035489004.
        assertThat(StandardNormal.twoSidedZ(0.95)).isCloseTo(1.959963984540054, within(1e-9));
        assertThat(StandardNormal.twoSidedZ(0.99)).isCloseTo(2.5758293035489004, within(1e-9));
    }
}
