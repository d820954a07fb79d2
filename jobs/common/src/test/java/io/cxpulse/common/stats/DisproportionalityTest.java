package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class DisproportionalityTest {

    /** Relative error 1e-9, as AssertJ's percentage. */
    private static final double RELATIVE_1E_9 = 1e-7;

    /** Seed case: 10,000 shipments, 200 complaints; supplier A has 300 shipments, 54 complaints. */
    private static final TwoByTwo SEED = TwoByTwo.fromTotals(54, 300, 200, 10_000);

    @Test
    void seedTableIsBuiltFromTheTotals() {
        assertThat(SEED).isEqualTo(new TwoByTwo(54, 246, 146, 9554));
    }

    @Test
    void seedSupplierHasPrrOfAboutTwelve() {
        // By hand: (54/300) / (146/9700) = 0.18 / 0.0150515... = 11.95890410958904.
        // Interval, evaluated in Python with z = 1.959963984540054 and
        // SE = sqrt(1/54 - 1/300 + 1/146 - 1/9700): [8.94612093409576, 15.986301611157584].
        Ratio prr = Disproportionality.prr(SEED);

        assertThat(prr.estimate()).isCloseTo((54.0 / 300) / (146.0 / 9700), withinPercentage(RELATIVE_1E_9))
                .isCloseTo(11.95890410958904, withinPercentage(RELATIVE_1E_9));
        assertThat(prr.low()).isCloseTo(8.94612093409576, withinPercentage(RELATIVE_1E_9));
        assertThat(prr.high()).isCloseTo(15.986301611157584, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void seedSupplierHasRorOfAboutFourteenWithTheDomainInterval() {
        // By hand: 54·9554 / (246·146) = 515916 / 35916 = 14.364517206815904; DOMAIN.md quotes
        // ROR ≈ 14.4 (10.3–20.1). Python, SE = sqrt(1/54 + 1/246 + 1/146 + 1/9554):
        // [10.256504367040739, 20.117902474451373].
        Ratio ror = Disproportionality.ror(SEED);

        assertThat(ror.estimate()).isCloseTo(515916.0 / 35916.0, withinPercentage(RELATIVE_1E_9));
        assertThat(ror.low()).isCloseTo(10.256504367040739, withinPercentage(RELATIVE_1E_9));
        assertThat(ror.high()).isCloseTo(20.117902474451373, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void aSupplierWithTheAverageRateHasRatiosOfOneWithIntervalsAroundOne() {
        TwoByTwo average = TwoByTwo.fromTotals(20, 1000, 200, 10_000);
        for (Ratio r : new Ratio[] {Disproportionality.prr(average), Disproportionality.ror(average)}) {
            assertThat(r.estimate()).isCloseTo(1.0, withinPercentage(RELATIVE_1E_9));
            assertThat(r.low()).isLessThan(1.0);
            assertThat(r.high()).isGreaterThan(1.0);
        }
    }

    @Test
    void aZeroCellGetsTheHaldaneCorrectionEverywhere() {
        // Supplier without complaints: a = 0 → all cells + 0.5: (0.5, 300.5, 200.5, 9500.5).
        // Python, same formulas: PRR 0.08037215930273983 [0.005021746989450187, 1.2863419850812188],
        // ROR 0.07884199650623856 [0.004902813537175439, 1.2678557660732228].
        TwoByTwo noComplaints = new TwoByTwo(0, 300, 200, 9500);
        Ratio prr = Disproportionality.prr(noComplaints);
        Ratio ror = Disproportionality.ror(noComplaints);
        assertThat(prr.estimate()).isCloseTo(0.08037215930273983, withinPercentage(RELATIVE_1E_9));
        assertThat(prr.low()).isCloseTo(0.005021746989450187, withinPercentage(RELATIVE_1E_9));
        assertThat(prr.high()).isCloseTo(1.2863419850812188, withinPercentage(RELATIVE_1E_9));
        assertThat(ror.estimate()).isCloseTo(0.07884199650623856, withinPercentage(RELATIVE_1E_9));
        assertThat(ror.low()).isCloseTo(0.004902813537175439, withinPercentage(RELATIVE_1E_9));
        assertThat(ror.high()).isCloseTo(1.2678557660732228, withinPercentage(RELATIVE_1E_9));

        // Only this supplier has complaints: c = 0 would make the raw ratios infinite.
        // Python with (5.5, 295.5, 0.5, 9700.5): PRR 354.52159468438543, ROR 361.1015228426396.
        TwoByTwo onlyThisSupplier = new TwoByTwo(5, 295, 0, 9700);
        Ratio prrOnly = Disproportionality.prr(onlyThisSupplier);
        assertThat(prrOnly.estimate()).isCloseTo(354.52159468438543, withinPercentage(RELATIVE_1E_9));
        assertThat(prrOnly.low()).isCloseTo(19.648166559466333, withinPercentage(RELATIVE_1E_9));
        assertThat(prrOnly.high()).isCloseTo(6396.808614033523, withinPercentage(RELATIVE_1E_9));
        assertThat(Disproportionality.ror(onlyThisSupplier).estimate())
                .isCloseTo(361.1015228426396, withinPercentage(RELATIVE_1E_9));
    }

    @Test
    void anEmptyRowOrColumnLeavesNothingToCompare() {
        assertThat(Disproportionality.prr(new TwoByTwo(0, 0, 200, 9800))).as("supplier without shipments")
                .isEqualTo(Ratio.UNDEFINED);
        assertThat(Disproportionality.ror(new TwoByTwo(5, 95, 0, 0))).as("no other suppliers")
                .isEqualTo(Ratio.UNDEFINED);
        assertThat(Disproportionality.prr(new TwoByTwo(0, 300, 0, 9700))).as("no complaints at all")
                .isEqualTo(Ratio.UNDEFINED);
        assertThat(Ratio.UNDEFINED.isDefined()).isFalse();
        assertThat(Disproportionality.prr(SEED).isDefined()).isTrue();
    }

    @Test
    void rejectsInconsistentCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TwoByTwo(-1, 1, 1, 1));
        assertThatIllegalArgumentException().as("more complaints than shipments")
                .isThrownBy(() -> TwoByTwo.fromTotals(301, 300, 400, 10_000));
        assertThatIllegalArgumentException().as("supplier complaints above the total")
                .isThrownBy(() -> TwoByTwo.fromTotals(54, 300, 50, 10_000));
        assertThatIllegalArgumentException().isThrownBy(() -> Disproportionality.prr(SEED, 1.5));
    }
}
