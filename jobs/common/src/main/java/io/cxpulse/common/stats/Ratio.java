package io.cxpulse.common.stats;

/**
 * A ratio estimate with its confidence interval, such as a PRR or ROR. All three are NaN when the
 * ratio is undefined (see {@link Disproportionality}); otherwise {@code low <= estimate <= high}.
 *
 * @param estimate point estimate
 * @param low lower confidence bound
 * @param high upper confidence bound
 */
public record Ratio(double estimate, double low, double high) {

    /** The undefined ratio: nothing to compare. */
    public static final Ratio UNDEFINED = new Ratio(Double.NaN, Double.NaN, Double.NaN);

    /** Whether the ratio has a value (all of {@code UNDEFINED}'s components are NaN). */
    public boolean isDefined() {
        return !Double.isNaN(estimate);
    }
}
