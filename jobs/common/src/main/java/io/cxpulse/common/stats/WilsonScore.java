package io.cxpulse.common.stats;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Wilson score confidence interval for a binomial proportion (Wilson, 1927).
 *
 * <p>Formula, with {@code p = successes / trials}, {@code n = trials} and {@code z} the two-sided
 * normal critical value: centre {@code (p + z²/2n) / (1 + z²/n)}, half-width
 * {@code z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/4n²)}. Unlike the Wald interval it stays inside
 * [0, 1] and does not collapse to a point at 0 or n successes, which matters for the small counts
 * of small suppliers and queues. Coverage is close to nominal but not exact; for a guaranteed
 * lower bound use an exact (Clopper–Pearson) interval instead.
 *
 * <p>Computed by Commons Math's {@link WilsonScoreInterval}; this class adds what it leaves
 * out: zero trials give the uninformative [0, 1] (Commons Math rejects them), 0 successes give
 * a lower bound of exactly 0 and n successes an upper bound of exactly 1 (rounding leaves them
 * a few ulps off), other bounds are clamped to [0, 1], and
 * counts are {@code long} (up to {@link Integer#MAX_VALUE} trials, Commons Math's limit).
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
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be within (0, 1), was " + confidence);
        }
        if (trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " trials, was " + trials);
        }
        if (trials == 0) {
            return new Interval(0.0, 1.0);
        }
        ConfidenceInterval wilson = new WilsonScoreInterval()
                .createInterval((int) trials, (int) successes, confidence);
        // At 0 (or n) successes the lower (upper) bound is exactly 0 (1); floating point leaves
        // it a few ulps off, on either side.
        double low = successes == 0 ? 0.0 : Math.max(0.0, wilson.getLowerBound());
        double high = successes == trials ? 1.0 : Math.min(1.0, wilson.getUpperBound());
        return new Interval(low, high);
    }
}
