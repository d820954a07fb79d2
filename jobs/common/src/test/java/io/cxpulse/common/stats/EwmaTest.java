package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {

    private static final double EPS = 1e-12;

    @Test
    void aShortSeriesGivesTheHandComputedMeanAndVariance() {
        // By hand, alpha = 0.5, series 10, 12, 8:
        //   start(10): mean 10, var 0
        //   12: diff 2, incr 1, mean 11, var 0.5·(0 + 2·1) = 1
        //   8: diff -3, incr -1.5, mean 9.5, var 0.5·(1 + (-3)(-1.5)) = 2.75
        Ewma ewma = Ewma.start(10).update(12, 0.5).update(8, 0.5);

        assertThat(ewma.mean()).isCloseTo(9.5, within(EPS));
        assertThat(ewma.variance()).isCloseTo(2.75, within(EPS));
        assertThat(ewma.stdDev()).isCloseTo(Math.sqrt(2.75), within(EPS));
        assertThat(ewma.count()).isEqualTo(3);
    }

    @Test
    void aConstantSeriesConvergesToItsValueWithVanishingVariance() {
        // Mean error after n updates is 100·0.9^n (geometric decay): 100·0.9^300 ≈ 1.9e-12.
        Ewma ewma = Ewma.start(0);
        for (int i = 0; i < 300; i++) {
            ewma = ewma.update(100, 0.1);
        }
        assertThat(ewma.mean()).isCloseTo(100.0, within(1e-9));
        assertThat(ewma.variance()).isLessThan(1e-9);
        assertThat(ewma.count()).isEqualTo(301);

        assertThat(Ewma.start(7).update(7, 0.3).update(7, 0.3)).isEqualTo(new Ewma(7, 0, 3));
    }

    @Test
    void alphaOneForgetsAllHistory() {
        Ewma ewma = Ewma.start(3).update(50, 0.2).update(-4, 1.0);

        assertThat(ewma.mean()).isCloseTo(-4.0, within(EPS));
        assertThat(ewma.variance()).isEqualTo(0.0);
    }

    @Test
    void aDownWeightedSpikeMovesTheBaselineLess() {
        Ewma baseline = Ewma.start(10);
        // By hand: update(110, 0.2·0.1 = 0.02): diff 100, incr 2, mean 12, var 0.98·(0 + 200) = 196.
        Ewma damped = baseline.updateDownWeighted(110, 0.2, 0.1);
        Ewma full = baseline.update(110, 0.2);

        assertThat(damped.mean()).isCloseTo(12.0, within(EPS));
        assertThat(damped.variance()).isCloseTo(196.0, within(EPS));
        assertThat(damped).isEqualTo(baseline.update(110, 0.2 * 0.1));
        assertThat(full.mean()).isCloseTo(30.0, within(EPS));
        assertThat(baseline.updateDownWeighted(110, 0.2, 1.0)).isEqualTo(full);
    }

    @Test
    void rejectsInvalidWeightsAndObservations() {
        Ewma ewma = Ewma.start(1);
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.update(1, 0.0));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.update(1, 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.update(1, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.update(Double.NaN, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.update(Double.POSITIVE_INFINITY, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.updateDownWeighted(1, 0.5, 0.0));
        assertThatIllegalArgumentException().isThrownBy(() -> ewma.updateDownWeighted(1, 0.5, 2.0));
        assertThatIllegalArgumentException().isThrownBy(() -> Ewma.start(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ewma(0, -1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Ewma(0, 0, 0));
    }
}
