package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class PoissonTailTest {

    private static final double RELATIVE_1E_9 = 1e-7;

    @Test
    void aHundredComplaintsAgainstABaselineOfTwentyIsFarBeyondChance() {
        // scipy.stats.poisson.sf(99, 20.0) = 3.488878669689553e-37; ExactReference series agrees.
        double exact = ExactReference.poissonAtLeast(100, 20.0);
        assertThat(exact).isCloseTo(3.488878669689553e-37, withinPercentage(RELATIVE_1E_9));
        assertThat(PoissonTail.atLeast(100, 20.0)).isCloseTo(exact, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void thirtyAgainstABaselineOfSixIsSurprising() {
        // scipy.stats.poisson.sf(29, 6.0) = 2.5572623054947347e-12.
        assertThat(PoissonTail.atLeast(30, 6.0)).isCloseTo(2.5572623054947347e-12, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void countsNearTheBaselineAreOrdinary() {
        // P(X >= 1 | 2.5) = 1 - e^-2.5 = 0.9179150013761012 (closed form; scipy agrees).
        assertThat(PoissonTail.atLeast(1, 2.5)).isCloseTo(1 - Math.exp(-2.5), withinPercentage(RELATIVE_1E_9));
        // P(X >= 3 | 2.5) = 1 - e^-2.5 (1 + 2.5 + 3.125) = 0.45618688411667035 (hand; scipy agrees).
        assertThat(PoissonTail.atLeast(3, 2.5))
                .isCloseTo(1 - Math.exp(-2.5) * (1 + 2.5 + 3.125), withinPercentage(RELATIVE_1E_9))
                .isCloseTo(0.45618688411667035, withinPercentage(RELATIVE_1E_9));
        for (int x = 1; x <= 15; x++) {
            assertThat(PoissonTail.atLeast(x, 4.0))
                    .as("x=%d", x)
                    .isCloseTo(ExactReference.poissonAtLeast(x, 4.0), withinPercentage(RELATIVE_1E_9));
        }
    }

    @Test
    void edgeCasesHaveTheirDefinedValues() {
        assertThat(PoissonTail.atLeast(0, 3.0)).isEqualTo(1.0);
        assertThat(PoissonTail.atLeast(-2, 3.0)).isEqualTo(1.0);
        assertThat(PoissonTail.atLeast(0, 0.0)).as("zero rate, zero count").isEqualTo(1.0);
        assertThat(PoissonTail.atLeast(1, 0.0)).as("zero rate never counts").isEqualTo(0.0);
    }

    @Test
    void rejectsAnImpossibleRate() {
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonTail.atLeast(1, -1.0));
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonTail.atLeast(1, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> PoissonTail.atLeast(1, Double.POSITIVE_INFINITY));
    }
}
