package io.cxpulse.common.stats;

/**
 * Exponentially weighted moving mean and variance: an immutable baseline value, updated by
 * returning a new one.
 *
 * <p>Update with weight {@code alpha} in (0, 1] (the standard incremental form, Finch 2009,
 * "Incremental calculation of weighted mean and variance"):
 *
 * <pre>
 *   diff = x - mean
 *   incr = alpha * diff
 *   mean' = mean + incr
 *   variance' = (1 - alpha) * (variance + diff * incr)
 * </pre>
 *
 * A larger {@code alpha} forgets faster; the effective memory is about {@code 1/alpha}
 * observations. The first observation seeds the mean with variance 0, so the variance is biased
 * low for the first few updates: callers should wait for a minimum {@link #count()} before
 * trusting {@link #stdDev()}.
 *
 * <p>So that a surge does not raise its own baseline, a caller can let a suspicious value in at
 * reduced weight with {@link #updateDownWeighted(double, double, double)}.
 *
 * <p>As a record of two doubles and a long it is a valid Flink POJO type for state.
 *
 * @param mean the weighted mean
 * @param variance the weighted variance, {@code >= 0}
 * @param count how many observations were folded in, {@code >= 1}
 */
public record Ewma(double mean, double variance, long count) {

    /** Validates the components. */
    public Ewma {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, was " + mean);
        }
        if (!(variance >= 0.0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be finite and >= 0, was " + variance);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }

    /** The baseline after its first observation: mean {@code x}, variance 0, count 1. */
    public static Ewma start(double x) {
        return new Ewma(requireFinite(x), 0.0, 1);
    }

    /**
     * Folds in {@code x} with weight {@code alpha}.
     *
     * @param x a finite observation
     * @param alpha weight of the new observation, in (0, 1]; 1 forgets all history
     * @throws IllegalArgumentException if {@code x} is not finite or {@code alpha} is out of range
     */
    public Ewma update(double x, double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        double diff = requireFinite(x) - mean;
        double incr = alpha * diff;
        return new Ewma(mean + incr, (1.0 - alpha) * (variance + diff * incr), count + 1);
    }

    /**
     * Folds in {@code x} at reduced weight, {@code update(x, alpha * factor)}: for values that look
     * like part of a spike, so that they move the baseline only a little.
     *
     * @param factor in (0, 1]; 1 is an ordinary update
     * @throws IllegalArgumentException if {@code factor} or {@code alpha} is out of range
     */
    public Ewma updateDownWeighted(double x, double alpha, double factor) {
        if (!(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException("factor must be in (0, 1], was " + factor);
        }
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        return update(x, alpha * factor);
    }

    /** The weighted standard deviation, {@code sqrt(variance)}. */
    public double stdDev() {
        return Math.sqrt(variance);
    }

    private static double requireFinite(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("observation must be finite, was " + x);
        }
        return x;
    }
}
