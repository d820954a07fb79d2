package io.cxpulse.common.stats;

import java.util.Collection;
import java.util.Optional;

/**
 * An empirical-Bayes beta prior for many units' success rates (agents' CSAT, say), fitted by the
 * method of moments of the beta-binomial model, for shrinking each unit's rate towards the
 * common level in proportion to how little data it has.
 *
 * <p>Unit i has x_i successes in n_i trials; p_i ~ Beta(a, b), x_i | p_i ~ Binomial(n_i, p_i).
 * With N = Σ n_i, pooled p̂ = Σ x_i / N and S = Σ n_i (x_i/n_i − p̂)², the model gives
 * E[S] = p(1−p) [(k − 1) + ρ (N − Σ n_i²/N − (k − 1))], with ρ = 1/(a + b + 1) the
 * intra-unit correlation (Kleinman 1973, weights n_i). Solving for ρ:
 *
 * <pre>
 *   ρ̂ = (S / (p̂(1−p̂)) − (k − 1)) / (N − Σ n_i²/N − (k − 1))
 *   a + b = (1 − ρ̂) / ρ̂,   a = p̂ (a + b),   b = (1 − p̂)(a + b)
 * </pre>
 *
 * The shrunk rate of a unit is the posterior mean (x + a) / (n + a + b). Edge cases:
 * <ul>
 *   <li>ρ̂ ≤ 0 (units vary no more than binomial noise, or p̂ is 0 or 1): no evidence of real
 *       differences, every unit shrinks to p̂ ({@link #strength()} infinite);
 *   <li>ρ̂ ≥ 1 (all of the variation is between units): capped, the prior keeps 1e-6
 *       pseudo-trials and each unit keeps its own rate;
 *   <li>fewer than two units with trials, or a zero denominator (every unit has one trial): the
 *       data do not identify a prior, and {@link #fit} returns empty.
 * </ul>
 *
 * @param mean the prior mean a / (a + b), the pooled rate p̂
 * @param strength a + b, the prior's weight in pseudo-trials; {@code +∞} for complete pooling
 */
public record BetaBinomialPrior(double mean, double strength) {

    /** The smallest ρ̂ kept below 1: a prior of 1e-6 pseudo-trials. */
    private static final double MIN_STRENGTH = 1e-6;

    /** One unit's trials and successes. */
    public record Tally(long trials, long successes) {
        public Tally {
            if (trials < 0 || successes < 0 || successes > trials) {
                throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
            }
        }
    }

    public BetaBinomialPrior {
        if (!(mean >= 0 && mean <= 1) || !(strength > 0)) {
            throw new IllegalArgumentException("mean must be within [0, 1] and strength positive");
        }
    }

    /** Fits the prior to the units that have at least one trial; empty when they do not identify one. */
    public static Optional<BetaBinomialPrior> fit(Collection<Tally> units) {
        long k = 0;
        double n = 0;
        double x = 0;
        double sumSquares = 0;
        for (Tally t : units) {
            if (t.trials() > 0) {
                k++;
                n += t.trials();
                x += t.successes();
                sumSquares += (double) t.trials() * t.trials();
            }
        }
        if (k < 2) {
            return Optional.empty();
        }
        double p = x / n;
        double denominator = n - sumSquares / n - (k - 1);
        if (denominator <= 0) {
            return Optional.empty();
        }
        double pq = p * (1 - p);
        if (pq == 0) {
            return Optional.of(new BetaBinomialPrior(p, Double.POSITIVE_INFINITY));
        }
        double s = 0;
        for (Tally t : units) {
            if (t.trials() > 0) {
                double d = (double) t.successes() / t.trials() - p;
                s += t.trials() * d * d;
            }
        }
        double rho = (s / pq - (k - 1)) / denominator;
        if (rho <= 0) {
            return Optional.of(new BetaBinomialPrior(p, Double.POSITIVE_INFINITY));
        }
        double strength = Math.max((1 - Math.min(rho, 1)) / Math.min(rho, 1), MIN_STRENGTH);
        return Optional.of(new BetaBinomialPrior(p, strength));
    }

    /** The posterior mean rate of a unit with {@code successes} of {@code trials}. */
    public double shrink(long successes, long trials) {
        if (Double.isInfinite(strength)) {
            return mean;
        }
        return (successes + mean * strength) / (trials + strength);
    }
}
