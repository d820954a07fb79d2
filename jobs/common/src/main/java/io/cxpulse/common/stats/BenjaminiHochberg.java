package io.cxpulse.common.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg false-discovery-rate control for a family of p-values, for example one
 * binomial p-value per supplier scanned in the same window.
 *
 * <p>Formula: sort the {@code m} p-values ascending, {@code p(1) <= ... <= p(m)}; the q-value of
 * rank {@code i} is {@code q(i) = min over j >= i of min(1, p(j) * m / j)} (the step-up adjustment,
 * which makes q monotone in p; ties therefore share one q-value). Rejecting every hypothesis with
 * {@code q <= alpha} controls the expected share of false discoveries at {@code alpha}. This is
 * the same adjustment as R's {@code p.adjust(p, "BH")}.
 *
 * <p>Limit: the guarantee assumes independent or positively dependent tests. Supplier scans are
 * mildly negatively dependent (one supplier's excess is the others' deficit); BH is commonly used
 * there regardless, and the Benjamini–Yekutieli variant would be the conservative alternative.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {}

    /**
     * The BH-adjusted q-values, in the order of the input.
     *
     * @param pValues p-values in [0, 1]; an empty array gives an empty result
     * @return a new array, {@code q[i]} belonging to {@code pValues[i]}
     * @throws IllegalArgumentException if any p-value is NaN or outside [0, 1]
     */
    public static double[] qValues(double[] pValues) {
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            double p = pValues[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], was " + p);
            }
        }
        Integer[] byP = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(byP, Comparator.comparingDouble(i -> pValues[i]));

        double[] q = new double[m];
        double runningMin = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = byP[rank - 1];
            runningMin = Math.min(runningMin, pValues[index] * m / rank);
            q[index] = runningMin;
        }
        return q;
    }

    /**
     * Which hypotheses are discoveries at false-discovery rate {@code alpha}: {@code q[i] <= alpha}.
     *
     * @param pValues p-values in [0, 1]
     * @param alpha false-discovery rate in (0, 1)
     * @return a new array, {@code true} where the hypothesis is rejected
     * @throws IllegalArgumentException on an invalid p-value or {@code alpha}
     */
    public static boolean[] discoveries(double[] pValues, double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        double[] q = qValues(pValues);
        boolean[] rejected = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            rejected[i] = q[i] <= alpha;
        }
        return rejected;
    }
}
