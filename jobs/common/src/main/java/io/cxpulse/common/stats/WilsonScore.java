package io.cxpulse.common.stats;

/**
 * Wilson score confidence interval for a binomial proportion (Wilson, 1927).
 *
 * <p>Formula, with {@code p = successes / trials}, {@code n = trials} and {@code z} the two-sided
 * normal critical value: centre {@code (p + z²/2n) / (1 + z²/n)}, half-width
 * {@code z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/4n²)}. Unlike the Wald interval it stays inside
 * [0, 1] and does not collapse to a point at 0 or n successes, which matters for the small counts
 * of small suppliers and queues. Coverage is close to nominal but not exact; for a guaranteed
 * lower bound use an exact (Clopper–Pearson) interval instead.
 */
public final class WilsonScore {

    private WilsonScore() {}

    /** The 95% Wilson interval. */
    public static Interval interval(long successes, long trials) {
        return interval(successes, trials, 0.95);
    }

    /**
     * The Wilson interval at the given two-sided confidence.
     *
     * @param successes in {@code [0, trials]}
     * @param trials {@code >= 0}; zero trials give the uninformative {@code [0, 1]}
     * @param confidence in (0, 1), e.g. 0.95
     * @throws IllegalArgumentException on counts out of range or an invalid confidence
     */
    public static Interval interval(long successes, long trials, double confidence) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials, was " + successes + " of " + trials);
        }
        double z = StandardNormal.twoSidedZ(confidence);
        if (trials == 0) {
            return new Interval(0.0, 1.0);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
        // Rounding can push a bound a few ulps past 0 or 1 at 0 or n successes.
        return new Interval(Math.max(0.0, centre - halfWidth), Math.min(1.0, centre + halfWidth));
    }
}
