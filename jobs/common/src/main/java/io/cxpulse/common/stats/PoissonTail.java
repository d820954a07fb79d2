package io.cxpulse.common.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Upper tail of the Poisson distribution, {@code P(X >= x)} for {@code X ~ Poisson(lambda)}.
 *
 * <p>Used for "how surprising is this bucket's count given its baseline": {@code lambda} is the
 * expected count (for example an EWMA mean), {@code x} the observed count.
 *
 * <p>Formula: {@code P(X >= x) = P(x, lambda)}, the regularized lower incomplete gamma function
 * (Commons Math series or continued fraction, relative accuracy about 1e-14). Tails far below
 * 1e-20 keep their magnitude, unlike {@code 1 - cdf(x - 1)}. The baseline is treated as known; its
 * own estimation error is not part of the p-value, so a noisy baseline makes spikes look more
 * surprising than they are.
 */
public final class PoissonTail {

    private PoissonTail() {}

    /**
     * {@code P(X >= x | lambda)}: 1 for {@code x <= 0}; for {@code lambda == 0}, 0 when
     * {@code x >= 1} (a zero-rate Poisson never counts anything).
     *
     * @param x observed count
     * @param lambda expected count, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code lambda} is negative, NaN or infinite
     */
    public static double atLeast(long x, double lambda) {
        if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, was " + lambda);
        }
        if (x <= 0) {
            return 1.0;
        }
        if (lambda == 0.0) {
            return 0.0;
        }
        return Gamma.regularizedGammaP(x, lambda);
    }
}
