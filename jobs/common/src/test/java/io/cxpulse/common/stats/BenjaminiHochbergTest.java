package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    private static final double EPS = 1e-12;

    @Test
    void adjustsAHandWorkedExampleAndKeepsInputOrder() {
        // By hand, m = 4, sorted 0.005, 0.01, 0.03, 0.04 → p·m/rank = 0.02, 0.02, 0.04, 0.04;
        // running minimum from the top changes nothing. scipy.stats.false_discovery_control agrees.
        double[] q = BenjaminiHochberg.qValues(new double[] {0.01, 0.04, 0.03, 0.005});

        assertThat(q).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(EPS));
    }

    @Test
    void stepUpMakesQValuesMonotone() {
        // By hand: p·m/rank = 0.05, 0.05, 0.05, 0.05, 0.05 for 0.01..0.05 (m = 5).
        assertThat(BenjaminiHochberg.qValues(new double[] {0.05, 0.01, 0.02, 0.03, 0.04}))
                .containsExactly(new double[] {0.05, 0.05, 0.05, 0.05, 0.05}, within(EPS));
        // By hand, m = 3: raw 0.03·3/1 = 0.09, 0.04·3/2 = 0.06, 0.05·3/3 = 0.05 → minimum from the
        // top gives 0.05 for all three; without the step-up the smallest p would get the largest q.
        assertThat(BenjaminiHochberg.qValues(new double[] {0.03, 0.04, 0.05}))
                .containsExactly(new double[] {0.05, 0.05, 0.05}, within(EPS));
    }

    @Test
    void tiedPValuesShareOneQValue() {
        // By hand, m = 4, sorted 0.001, 0.02, 0.02, 0.5 → 0.004, 0.04, 0.02666…, 0.5; step-up
        // gives 0.004, 0.02666…, 0.02666…, 0.5. scipy: [0.026666, 0.026666, 0.5, 0.004].
        double[] q = BenjaminiHochberg.qValues(new double[] {0.02, 0.02, 0.5, 0.001});

        assertThat(q).containsExactly(new double[] {0.08 / 3, 0.08 / 3, 0.5, 0.004}, within(EPS));
    }

    @Test
    void qValuesAreCappedAtOne() {
        assertThat(BenjaminiHochberg.qValues(new double[] {0.9, 1.0, 0.8}))
                .containsExactly(new double[] {1.0, 1.0, 1.0}, within(EPS));
        assertThat(BenjaminiHochberg.qValues(new double[] {0.7})).containsExactly(0.7);
    }

    @Test
    void anEmptyFamilyHasNoQValues() {
        assertThat(BenjaminiHochberg.qValues(new double[0])).isEmpty();
        assertThat(BenjaminiHochberg.discoveries(new double[0], 0.05)).isEmpty();
    }

    @Test
    void discoveriesAreTheHypothesesWithQAtMostAlpha() {
        assertThat(BenjaminiHochberg.discoveries(new double[] {0.01, 0.04, 0.03, 0.005}, 0.02))
                .containsExactly(true, false, false, true);
        assertThat(BenjaminiHochberg.discoveries(new double[] {0.01, 0.04, 0.03, 0.005}, 0.01))
                .containsExactly(false, false, false, false);
    }

    @Test
    void rejectsNaNAndOutOfRangePValues() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenjaminiHochberg.qValues(new double[] {0.1, Double.NaN}));
        assertThatIllegalArgumentException().isThrownBy(() -> BenjaminiHochberg.qValues(new double[] {-0.1}));
        assertThatIllegalArgumentException().isThrownBy(() -> BenjaminiHochberg.qValues(new double[] {1.5}));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenjaminiHochberg.discoveries(new double[] {0.1}, 0.0));
    }
}
