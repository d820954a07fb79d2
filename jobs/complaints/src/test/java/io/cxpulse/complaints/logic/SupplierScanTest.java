package io.cxpulse.complaints.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.cxpulse.complaints.ComplaintsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupplierScanTest {

    private final SupplierScan scan = new SupplierScan(ComplaintsConfig.DEFAULTS.alpha(),
            ComplaintsConfig.DEFAULTS.minLift(), ComplaintsConfig.DEFAULTS.minComplaints());

    /**
     * The seed case: 10,000 shipments, 200 shipping complaints. Supplier A ships 3% and draws 54
     * (27%). References: P(X ≥ 54 | 200, 0.03) = 2.1571200636070077e-35 (exact rational sum,
     * Python fractions; scipy binom.sf agrees); PRR = (54/300)/(146/9700) = 11.9589 with 95%
     * interval [8.946, 15.986] (log-normal, worked by hand). T ships 0.4% and draws 3 (1.5%,
     * lift 3.75): raw p = 0.0470764 (exact sum), not significant after BH across six.
     */
    @Test
    void namesTheSupplierWithThreePercentOfShipmentsAndAQuarterOfComplaintsAndNobodyElse() {
        List<SupplierScan.Result> results = scan.scan(
                Map.of("A", 300L, "T", 40L, "B", 4000L, "C", 3000L, "D", 2000L, "E", 660L),
                Map.of("A", 54L, "T", 3L, "B", 55L, "C", 45L, "D", 30L, "E", 13L));

        assertThat(results).extracting(SupplierScan.Result::supplier).containsExactly("A", "B", "C", "D", "E", "T");
        assertThat(results).filteredOn(SupplierScan.Result::flagged).singleElement().satisfies(a -> {
            assertThat(a.supplier()).isEqualTo("A");
            assertThat(a.shipmentShare()).isEqualTo(0.03);
            assertThat(a.complaintShare()).isEqualTo(0.27);
            assertThat(a.lift()).isCloseTo(9.0, within(1e-12));
            assertThat(a.pValue()).isCloseTo(2.1571200636070077e-35, withinPercentage(1e-7));
            assertThat(a.qValue()).isLessThan(1e-30);
            assertThat(a.prr().estimate()).isCloseTo(11.95890410958904, within(1e-9));
            assertThat(a.prr().low()).isCloseTo(8.94612093409576, within(1e-6));
            assertThat(a.prr().high()).isCloseTo(15.986301611157584, within(1e-6));
        });
        SupplierScan.Result tiny = results.get(5);
        assertThat(tiny.lift()).isCloseTo(3.75, within(1e-12));
        assertThat(tiny.pValue()).isCloseTo(0.04707644315579677, withinPercentage(1e-7));
        assertThat(tiny.qValue()).isGreaterThan(0.01);
        assertThat(tiny.flagged()).isFalse();
    }

    @Test
    void aTinySupplierPassingTheTestOnAHandfulOfComplaintsIsNotFlagged() {
        // 20 of 10,000 shipments (0.2%) and 4 of 200 complaints. Reference (exact rational sum,
        // Python fractions): p = P(X ≥ 4 | 200, 0.002) = 7.577525658584074e-4; BH across the two
        // suppliers gives q = 2p = 1.5155051317168149e-3 ≤ alpha, and the lift is 10: only the
        // count floor (4 < 5 complaints) keeps T quiet.
        List<SupplierScan.Result> results = scan.scan(Map.of("T", 20L, "B", 9980L), Map.of("T", 4L, "B", 196L));
        SupplierScan.Result tiny = results.get(1);
        assertThat(tiny.supplier()).isEqualTo("T");
        assertThat(tiny.lift()).isCloseTo(10.0, within(1e-9));
        assertThat(tiny.pValue()).isCloseTo(7.577525658584074e-4, withinPercentage(1e-7));
        assertThat(tiny.qValue()).isCloseTo(1.5155051317168149e-3, withinPercentage(1e-7))
                .isLessThanOrEqualTo(ComplaintsConfig.DEFAULTS.alpha());
        assertThat(tiny.complaints()).isLessThan(ComplaintsConfig.DEFAULTS.minComplaints());
        assertThat(results).noneMatch(SupplierScan.Result::flagged);
    }

    @Test
    void aLargeSupplierSignificantlyButOnlyModeratelyAboveItsShareIsNotFlagged() {
        // Half the shipments, 700 of 1,000 complaints: lift 1.4 < 2. Reference (exact rational
        // sum): p = P(X ≥ 700 | 1000, 0.5) = 8.832839003975068e-38, so q ≤ alpha, and 700 ≥ 5
        // complaints: only the lift rule keeps A quiet (a real but modest excess, not an outlier).
        List<SupplierScan.Result> results = scan.scan(Map.of("A", 5000L, "B", 5000L), Map.of("A", 700L, "B", 300L));
        SupplierScan.Result a = results.get(0);
        assertThat(a.supplier()).isEqualTo("A");
        assertThat(a.lift()).isCloseTo(1.4, within(1e-12)).isLessThan(ComplaintsConfig.DEFAULTS.minLift());
        assertThat(a.pValue()).isCloseTo(8.832839003975068e-38, withinPercentage(1e-6));
        assertThat(a.qValue()).isLessThanOrEqualTo(ComplaintsConfig.DEFAULTS.alpha());
        assertThat(a.complaints()).isGreaterThanOrEqualTo(ComplaintsConfig.DEFAULTS.minComplaints());
        assertThat(a.flagged()).isFalse();
    }

    @Test
    void proportionalSuppliersAreNeverFlagged() {
        List<SupplierScan.Result> results = scan.scan(
                Map.of("A", 5000L, "B", 3000L, "C", 2000L), Map.of("A", 100L, "B", 60L, "C", 40L));
        assertThat(results).noneMatch(SupplierScan.Result::flagged);
        assertThat(results).allSatisfy(r -> assertThat(r.lift()).isCloseTo(1.0, within(1e-12)));
        assertThat(results).allSatisfy(r -> assertThat(r.pValue()).isGreaterThan(0.4));
    }

    @Test
    void noComplaintsAndComplaintsWithoutShipmentsAreReportedNotFlagged() {
        List<SupplierScan.Result> quiet = scan.scan(Map.of("A", 10L), Map.of());
        assertThat(quiet).singleElement().satisfies(r -> {
            assertThat(r.pValue()).isEqualTo(1.0);
            assertThat(r.lift()).isNull();
            assertThat(r.complaintShare()).isZero();
            assertThat(r.flagged()).isFalse();
        });

        List<SupplierScan.Result> old = scan.scan(Map.of("A", 100L), Map.of("A", 2L, "Z", 30L));
        assertThat(old.get(1)).satisfies(z -> {
            assertThat(z.supplier()).isEqualTo("Z");
            assertThat(z.shipments()).isZero();
            assertThat(z.lift()).isNull();
            assertThat(z.pValue()).isEqualTo(1.0);
            assertThat(z.flagged()).isFalse();
            assertThat(z.prr().isDefined()).isFalse();
        });
    }
}
