package io.cxpulse.common.stats;

/**
 * Disproportionality ratios of a {@link TwoByTwo} table, as used in pharmacovigilance signal
 * detection: is one supplier's complaint rate out of line with everybody else's?
 *
 * <ul>
 *   <li>Proportional reporting ratio {@code PRR = [a/(a+b)] / [c/(c+d)]}, the ratio of complaint
 *       rates, with {@code SE(ln PRR) = sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d))}.
 *   <li>Reporting odds ratio {@code ROR = (a·d) / (b·c)}, with
 *       {@code SE(ln ROR) = sqrt(1/a + 1/b + 1/c + 1/d)}.
 * </ul>
 *
 * Intervals are log-normal: {@code exp(ln R ± z·SE)}, {@code z = 1.96} at 95%. The approximation
 * is poor for small cells; callers should also demand a minimum count (pharmacovigilance uses
 * {@code a >= 3}) and a significance test ({@link BinomialTail}) before signalling.
 *
 * <p>Zero cells: if any cell is zero, 0.5 is added to all four cells (the Haldane–Anscombe
 * correction) for both the estimate and the interval, so the result stays finite and the estimate
 * lies inside its interval. With a zero cell the estimate is therefore shrunk towards 1 rather
 * than exactly 0 or infinite. If a whole row or column is empty (no shipments for this supplier or
 * the others, no complaints at all, or no clean shipments), there is nothing to compare and the
 * result is {@link Ratio#UNDEFINED}.
 */
public final class Disproportionality {

    private static final double HALDANE = 0.5;

    private Disproportionality() {}

    /** The PRR with its 95% interval. */
    public static Ratio prr(TwoByTwo table) {
        return prr(table, 0.95);
    }

    /**
     * The PRR with its interval at the given two-sided confidence.
     *
     * @throws IllegalArgumentException unless {@code 0 < confidence < 1}
     */
    public static Ratio prr(TwoByTwo table, double confidence) {
        double z = StandardNormal.twoSidedZ(confidence);
        if (table.hasEmptyMargin()) {
            return Ratio.UNDEFINED;
        }
        double shift = table.hasZeroCell() ? HALDANE : 0.0;
        double a = table.a() + shift;
        double b = table.b() + shift;
        double c = table.c() + shift;
        double d = table.d() + shift;
        double estimate = (a / (a + b)) / (c / (c + d));
        double se = Math.sqrt(1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d));
        return logNormal(estimate, se, z);
    }

    /** The ROR with its 95% interval. */
    public static Ratio ror(TwoByTwo table) {
        return ror(table, 0.95);
    }

    /**
     * The ROR with its interval at the given two-sided confidence.
     *
     * @throws IllegalArgumentException unless {@code 0 < confidence < 1}
     */
    public static Ratio ror(TwoByTwo table, double confidence) {
        double z = StandardNormal.twoSidedZ(confidence);
        if (table.hasEmptyMargin()) {
            return Ratio.UNDEFINED;
        }
        double shift = table.hasZeroCell() ? HALDANE : 0.0;
        double a = table.a() + shift;
        double b = table.b() + shift;
        double c = table.c() + shift;
        double d = table.d() + shift;
        // Each factor separately: a·d as a product of longs could overflow for large tables.
        double estimate = (a / b) * (d / c);
        double se = Math.sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
        return logNormal(estimate, se, z);
    }

    private static Ratio logNormal(double estimate, double se, double z) {
        double spread = Math.exp(z * se);
        return new Ratio(estimate, estimate / spread, estimate * spread);
    }
}
