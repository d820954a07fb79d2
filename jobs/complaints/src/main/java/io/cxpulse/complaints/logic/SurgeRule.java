package io.cxpulse.complaints.logic;

import io.cxpulse.common.stats.Ewma;
import io.cxpulse.common.stats.PoissonTail;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.util.Map;

/**
 * Complaint spikes: is this bucket's count far above the key's usual level?
 *
 * <ul>
 *   <li><b>Baseline</b>: EWMA of the counts per bucket (weight {@code spike-alpha}, the first
 *       buckets averaged equally); a key's first {@code spike-warmup-buckets} buckets only teach
 *       it (no alert). Empty buckets count as zeros.
 *   <li><b>Spike</b>: P(X ≥ x | Poisson(λ)) ≤ {@code spike-max-p}, with λ the baseline (at least
 *       {@value #MIN_LAMBDA}, so a key that has been silent does not make any single complaint
 *       "impossible"), and x ≥ {@code spike-min-count}, and x ≥ {@code spike-min-ratio} × λ.
 *   <li><b>The surge does not teach the baseline</b>: a spike bucket, or any bucket of an open
 *       episode that is not yet calm, enters the EWMA at {@code spike-alpha × spike-weight-factor};
 *       the usual shares of suppliers and channels learn from normal buckets only.
 *   <li><b>Hysteresis</b>: a bucket is calm when its tail probability is above the square root of
 *       {@code spike-max-p} (1e-2 by default) or its count is below the minimum count. One surge is
 *       one episode: OPEN at the first spike bucket; UPDATE when a later bucket beats the peak
 *       count or raises the severity; RESOLVED after {@code spike-calm-buckets} calm buckets in a
 *       row. Buckets between the two thresholds keep the episode open without updating it.
 *   <li><b>Severity</b>: HIGH when x ≥ 5 λ or p ≤ 1e-8, else MEDIUM.
 * </ul>
 */
public final class SurgeRule {

    static final double MIN_LAMBDA = 0.5;

    private final ComplaintsConfig config;
    private final double calmP;

    public SurgeRule(ComplaintsConfig config) {
        this.config = config;
        this.calmP = Math.sqrt(config.spikeMaxP());
    }

    /**
     * What one closed bucket meant.
     *
     * @param status OPEN, UPDATE, RESOLVED, or null for nothing to say
     * @param episodeStartMs the episode this step belongs to (for the alert id), or null
     */
    public record Step(AlertStatus status, Long episodeStartMs, long count, double baseline, double pValue,
            double ratio, Severity severity) {}

    /**
     * Folds one closed bucket into {@code state} and says what it means.
     *
     * @param perValue the bucket's counts per attribute value ({@code supplier=WH-A},
     *     {@code channel=VOICE}); may be empty
     */
    public Step next(SurgeBaseline state, long count, long bucketStartMs, Map<String, Long> perValue) {
        double lambda = Math.max(state.mean, MIN_LAMBDA);
        double p = PoissonTail.atLeast(count, lambda);
        double ratio = count / lambda;
        boolean warm = state.buckets >= config.spikeWarmupBuckets();
        boolean spike = warm && p <= config.spikeMaxP() && count >= config.spikeMinCount()
                && count >= config.spikeMinRatio() * state.mean;
        boolean calm = p > calmP || count < config.spikeMinCount();
        Severity severity = ratio >= 5 || p <= 1e-8 ? Severity.HIGH : Severity.MEDIUM;

        boolean surging = spike || (state.hasOpenEpisode() && !calm);
        learn(state, count, perValue, surging);

        Step quiet = new Step(null, state.episodeStartMs, count, lambda, p, ratio, severity);
        if (spike && !state.hasOpenEpisode()) {
            state.episodeStartMs = bucketStartMs;
            state.severity = severity.name();
            state.peak = count;
            state.calmBuckets = 0;
            return new Step(AlertStatus.OPEN, bucketStartMs, count, lambda, p, ratio, severity);
        }
        if (!state.hasOpenEpisode()) {
            return quiet;
        }
        if (spike) {
            state.calmBuckets = 0;
            boolean higher = severity.ordinal() > Severity.valueOf(state.severity).ordinal();
            if (count > state.peak || higher) {
                state.peak = Math.max(state.peak, count);
                if (higher) {
                    state.severity = severity.name();
                }
                return new Step(AlertStatus.UPDATE, state.episodeStartMs, count, lambda, p, ratio,
                        Severity.valueOf(state.severity));
            }
            return quiet;
        }
        if (!calm) {
            state.calmBuckets = 0;
            return quiet;
        }
        state.calmBuckets++;
        if (state.calmBuckets < config.spikeCalmBuckets()) {
            return quiet;
        }
        Step resolved = new Step(AlertStatus.RESOLVED, state.episodeStartMs, count, lambda, p, ratio,
                Severity.valueOf(state.severity));
        state.episodeStartMs = null;
        state.severity = null;
        state.peak = 0;
        state.calmBuckets = 0;
        return resolved;
    }

    private void learn(SurgeBaseline state, long count, Map<String, Long> perValue, boolean surging) {
        if (state.buckets == 0) {
            state.mean = count;
            state.variance = 0;
        } else {
            Ewma current = new Ewma(state.mean, state.variance, state.buckets);
            Ewma next = surging
                    ? current.updateDownWeighted(count, config.spikeAlpha(), config.spikeWeightFactor())
                    : current.update(count, learningWeight(state.buckets));
            state.mean = next.mean();
            state.variance = next.variance();
        }
        state.buckets++;
        if (!surging) {
            double alpha = learningWeight(state.buckets - 1);
            state.usual.replaceAll((value, usual) -> usual * (1 - alpha));
            perValue.forEach((value, n) -> state.usual.merge(value, alpha * n, Double::sum));
            state.usual.values().removeIf(usual -> usual < 1e-3);
        }
    }

    /**
     * The weight of a normal bucket after {@code seen} earlier ones: 1/(seen+1) while that is more
     * than {@code spike-alpha}, so the first buckets are averaged equally (a plain EWMA from the
     * first bucket would keep over half its weight on that one bucket through the warm-up), then
     * {@code spike-alpha}.
     */
    private double learningWeight(long seen) {
        return Math.max(config.spikeAlpha(), 1.0 / (seen + 1));
    }
}
