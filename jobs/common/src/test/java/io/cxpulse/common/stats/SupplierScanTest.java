package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The pieces together, as the complaints job will use them: one binomial p-value per supplier
 * (complaints out of all complaints, at the supplier's shipment share), then BH across suppliers.
 */
class SupplierScanTest {

    private static final long TOTAL_SHIPMENTS = 10_000;
    private static final long TOTAL_COMPLAINTS = 200;
    private static final double FDR = 0.01;

    @Test
    void theSeedSupplierIsADiscoveryAndTheTinySupplierIsNot() {
        // Shipments and complaints of six suppliers, adding up to 10,000 and 200.
        long[] shipments = {300, 40, 4000, 3000, 2000, 660};
        long[] complaints = {54, 3, 55, 45, 30, 13};

        double[] p = pValues(shipments, complaints);
        double[] q = BenjaminiHochberg.qValues(p);

        // Exact rational sums (Python fractions), then scipy.stats.false_discovery_control:
        // A: p 2.1571200636070077e-35, q 1.2942720381642047e-34; tiny: p 0.04707644315579677,
        // q 0.1412293294673903; the rest q 0.9999171331374884.
        assertThat(q[0]).isCloseTo(1.2942720381642047e-34, within(1e-43));
        assertThat(q[1]).isCloseTo(0.1412293294673903, within(1e-12));
        assertThat(BenjaminiHochberg.discoveries(p, FDR)).containsExactly(true, false, false, false, false, false);
    }

    @Test
    void aTinySupplierSignificantAloneIsNotSignificantAfterScanningSix() {
        // Tiny supplier with 4 of 200 complaints: alone p = 0.00891132112038741 < 0.01 (exact sum),
        // but BH across six gives q = 0.02673396336116223 (scipy) > 0.01.
        long[] shipments = {300, 40, 4000, 3000, 2000, 660};
        long[] complaints = {54, 4, 55, 45, 29, 13};

        double[] p = pValues(shipments, complaints);

        assertThat(p[1]).isCloseTo(0.00891132112038741, within(1e-12)).isLessThan(FDR);
        assertThat(BenjaminiHochberg.qValues(p)[1]).isCloseTo(0.02673396336116223, within(1e-12));
        assertThat(BenjaminiHochberg.discoveries(p, FDR)).containsExactly(true, false, false, false, false, false);
    }

    private static double[] pValues(long[] shipments, long[] complaints) {
        double[] p = new double[shipments.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = BinomialTail.atLeast(complaints[i], TOTAL_COMPLAINTS, (double) shipments[i] / TOTAL_SHIPMENTS);
        }
        return p;
    }
}
