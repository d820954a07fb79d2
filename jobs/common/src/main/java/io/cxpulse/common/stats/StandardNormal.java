package io.cxpulse.common.stats;

import org.apache.commons.math3.special.Erf;

/** Quantiles of the standard normal distribution used by the interval estimators. */
final class StandardNormal {

    private StandardNormal() {}

    /**
     * The two-sided critical value {@code z} with {@code P(|Z| <= z) = confidence}, i.e. the
     * {@code 1 - (1 - confidence) / 2} quantile: {@code z = sqrt(2) * erfInv(confidence)} (the same
     * computation as Commons Math's {@code NormalDistribution.inverseCumulativeProbability}). 1.96 for
     * 0.95.
     *
     * @throws IllegalArgumentException unless {@code 0 < confidence < 1}
     */
    static double twoSidedZ(double confidence) {
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        return Math.sqrt(2.0) * Erf.erfInv(confidence);
    }
}
