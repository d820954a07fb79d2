package io.cxpulse.complaints.logic;

import io.cxpulse.common.stats.BenjaminiHochberg;
import io.cxpulse.common.stats.BinomialTail;
import io.cxpulse.common.stats.Disproportionality;
import io.cxpulse.common.stats.Ratio;
import io.cxpulse.common.stats.TwoByTwo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Is one supplier's share of a category's complaints out of line with its share of shipments?
 *
 * <p>For one category and one window: supplier {@code i} shipped {@code n_i} of {@code N}
 * orders and drew {@code c_i} of the {@code C} attributed complaints. Under "complaints fall on
 * suppliers in proportion to what they ship", {@code c_i ~ Binomial(C, n_i/N)}; the one-sided
 * p-value is {@code P(X ≥ c_i)}. The p-values of the window's suppliers are adjusted together by
 * Benjamini–Hochberg, and a supplier is flagged only when all three hold: {@code q ≤ alpha},
 * lift {@code (c_i/C)/(n_i/N) ≥ minLift}, and {@code c_i ≥ minComplaints}. The count and lift
 * floors keep a tiny supplier with a handful of complaints quiet even when its ratio looks
 * dramatic; the q-value keeps six suppliers tested every hour from raising chance alarms.
 *
 * <p>A supplier with complaints but no shipments in the window (its orders shipped before the
 * window) has no shipment share to compare with: it is reported with p = q = 1, lift absent and
 * never flagged. The PRR (complaint rate of this supplier over that of the others) with its 95%
 * interval is evidence for a reader; it is undefined when the window's counts do not form a
 * consistent table (a supplier with more complaints than shipments in the window).
 */
public final class SupplierScan {

    private final double alpha;
    private final double minLift;
    private final long minComplaints;

    public SupplierScan(double alpha, double minLift, long minComplaints) {
        this.alpha = alpha;
        this.minLift = minLift;
        this.minComplaints = minComplaints;
    }

    /** One supplier's line in one window: what {@code SupplierShare} carries, and the PRR. */
    public record Result(
            String supplier, long shipments, long complaints, double shipmentShare, double complaintShare,
            Double lift, double pValue, double qValue, boolean flagged, Ratio prr) {}

    /**
     * Scans one window. Suppliers are those with shipments or complaints; results are sorted by
     * supplier id. No complaints at all: every supplier gets p = q = 1, nothing is flagged.
     */
    public List<Result> scan(Map<String, Long> shipments, Map<String, Long> complaints) {
        TreeSet<String> suppliers = new TreeSet<>(shipments.keySet());
        suppliers.addAll(complaints.keySet());
        long totalShipments = shipments.values().stream().mapToLong(Long::longValue).sum();
        long totalComplaints = complaints.values().stream().mapToLong(Long::longValue).sum();
        List<String> order = new ArrayList<>(suppliers);
        double[] p = new double[order.size()];
        for (int i = 0; i < p.length; i++) {
            long n = shipments.getOrDefault(order.get(i), 0L);
            long c = complaints.getOrDefault(order.get(i), 0L);
            p[i] = n == 0 || totalComplaints == 0 ? 1.0
                    : BinomialTail.atLeast(c, totalComplaints, (double) n / totalShipments);
        }
        double[] q = BenjaminiHochberg.qValues(p);
        List<Result> results = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            String supplier = order.get(i);
            long n = shipments.getOrDefault(supplier, 0L);
            long c = complaints.getOrDefault(supplier, 0L);
            double shipmentShare = totalShipments == 0 ? 0 : (double) n / totalShipments;
            double complaintShare = totalComplaints == 0 ? 0 : (double) c / totalComplaints;
            Double lift = shipmentShare == 0 || totalComplaints == 0 ? null : complaintShare / shipmentShare;
            boolean flagged = lift != null && q[i] <= alpha && lift >= minLift && c >= minComplaints;
            results.add(new Result(supplier, n, c, shipmentShare, complaintShare, lift, p[i], q[i], flagged,
                    prr(c, n, totalComplaints, totalShipments)));
        }
        return results;
    }

    private static Ratio prr(long c, long n, long totalComplaints, long totalShipments) {
        long otherComplaints = totalComplaints - c;
        long otherShipments = totalShipments - n;
        if (c > n || otherComplaints > otherShipments || n == 0) {
            return Ratio.UNDEFINED;
        }
        return Disproportionality.prr(TwoByTwo.fromTotals(c, n, totalComplaints, totalShipments));
    }
}
