package io.cxpulse.common.stats;

/**
 * The 2×2 table of one supplier against all others, the input of {@link Disproportionality}.
 *
 * <pre>
 *                     complaint   no complaint
 *   this supplier         a            b
 *   other suppliers       c            d
 * </pre>
 *
 * <p>Cells count shipments: {@code a} this supplier's complaints, {@code b} its shipments without
 * complaint, {@code c} the other suppliers' complaints, {@code d} their shipments without
 * complaint. This assumes at most one complaint per shipment; if a shipment can draw several,
 * {@code a} and {@code c} should count complained-about shipments, not complaints.
 *
 * @param a this supplier's complaints, {@code >= 0}
 * @param b this supplier's shipments without complaint, {@code >= 0}
 * @param c other suppliers' complaints, {@code >= 0}
 * @param d other suppliers' shipments without complaint, {@code >= 0}
 */
public record TwoByTwo(long a, long b, long c, long d) {

    /** Validates that no cell is negative. */
    public TwoByTwo {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException(
                    "cells must be >= 0, was a=" + a + " b=" + b + " c=" + c + " d=" + d);
        }
    }

    /**
     * Builds the table from the totals a pipeline counts: {@code a = supplierComplaints},
     * {@code b = supplierShipments - a}, {@code c = totalComplaints - a},
     * {@code d = totalShipments - supplierShipments - c}.
     *
     * @throws IllegalArgumentException if the totals are inconsistent (a cell would be negative)
     */
    public static TwoByTwo fromTotals(
            long supplierComplaints, long supplierShipments, long totalComplaints, long totalShipments) {
        long c = totalComplaints - supplierComplaints;
        return new TwoByTwo(
                supplierComplaints,
                supplierShipments - supplierComplaints,
                c,
                totalShipments - supplierShipments - c);
    }

    /** Whether some row or column total is zero, leaving nothing to compare. */
    boolean hasEmptyMargin() {
        return a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0;
    }

    /** Whether some cell is zero. */
    boolean hasZeroCell() {
        return a == 0 || b == 0 || c == 0 || d == 0;
    }
}
