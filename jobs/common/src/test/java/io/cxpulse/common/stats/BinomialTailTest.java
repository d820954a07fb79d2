package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class BinomialTailTest {

    /** Relative error 1e-9, expressed as AssertJ's percentage. */
    private static final double RELATIVE_1E_9 = 1e-7;

    @Test
    void seedSupplierWith54Of200ComplaintsAtThreePercentShareIsFarBeyondChance() {
        // 10,000 shipments, supplier A has 300 (3%); 54 of the 200 complaints are A's.
        double tail = BinomialTail.atLeast(54, 200, 0.03);

        // Exact rational sum (ExactReference): 2.1571200636070077e-35; Python fractions.Fraction
        // gives the same, scipy.stats.binom.sf(53, 200, 0.03) = 2.1571200636070074e-35.
        double exact = ExactReference.binomialAtLeast(54, 200, "0.03");
        assertThat(exact).isCloseTo(2.1571200636070077e-35, withinPercentage(RELATIVE_1E_9));
        assertThat(tail).isLessThan(1e-20).isCloseTo(exact, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void tinySupplierWithThreeOf200ComplaintsAtPointFourPercentShareIsOrdinary() {
        // 40 of 10,000 shipments, 3 of 200 complaints: 0.8 expected.
        // Exact rational sum: 0.04707644315579677 (also Python fractions).
        double exact = ExactReference.binomialAtLeast(3, 200, "0.004");
        assertThat(exact).isCloseTo(0.04707644315579677, withinPercentage(RELATIVE_1E_9));
        assertThat(BinomialTail.atLeast(3, 200, 0.004)).isCloseTo(exact, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void agreesWithTheExactSumAcrossTheWholeRangeOfK() {
        for (int k = 1; k <= 30; k++) {
            assertThat(BinomialTail.atLeast(k, 30, 0.2))
                    .as("k=%d", k)
                    .isCloseTo(ExactReference.binomialAtLeast(k, 30, "0.2"), withinPercentage(RELATIVE_1E_9));
        }
    }

    @Test
    void edgeCasesHaveTheirDefinedValues() {
        assertThat(BinomialTail.atLeast(0, 200, 0.03)).as("k=0").isEqualTo(1.0);
        assertThat(BinomialTail.atLeast(-5, 200, 0.03)).as("k<0").isEqualTo(1.0);
        assertThat(BinomialTail.atLeast(201, 200, 0.03)).as("k>n").isEqualTo(0.0);
        assertThat(BinomialTail.atLeast(1, 0, 0.5)).as("no trials").isEqualTo(0.0);
        assertThat(BinomialTail.atLeast(0, 0, 0.5)).as("no trials, k=0").isEqualTo(1.0);
        assertThat(BinomialTail.atLeast(1, 200, 0.0)).as("p=0").isEqualTo(0.0);
        assertThat(BinomialTail.atLeast(200, 200, 1.0)).as("p=1, k=n").isEqualTo(1.0);
        // k = n: P(X = n) = p^n exactly.
        assertThat(BinomialTail.atLeast(10, 10, 0.5)).isCloseTo(Math.pow(0.5, 10), withinPercentage(RELATIVE_1E_9));
        // k = 1: 1 - (1-p)^n.
        assertThat(BinomialTail.atLeast(1, 10, 0.5)).isCloseTo(1 - Math.pow(0.5, 10), withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialTail.atLeast(1, -1, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialTail.atLeast(1, 10, -0.1));
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialTail.atLeast(1, 10, 1.1));
        assertThatIllegalArgumentException().isThrownBy(() -> BinomialTail.atLeast(1, 10, Double.NaN));
    }
}
