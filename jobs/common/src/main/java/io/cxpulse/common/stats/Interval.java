package io.cxpulse.common.stats;

/**
 * A closed confidence interval {@code [low, high]}.
 *
 * @param low lower bound
 * @param high upper bound, {@code >= low}
 */
public record Interval(double low, double high) {

    /** Validates that both bounds are numbers and ordered. */
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("invalid interval [" + low + ", " + high + "]");
        }
    }

    /** Whether {@code value} lies within the bounds, inclusive. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
