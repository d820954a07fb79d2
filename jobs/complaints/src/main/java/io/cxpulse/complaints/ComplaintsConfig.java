package io.cxpulse.complaints;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the complaint monitors (section {@code complaints:}), each with its documented default (see the module README).
 *
 * <p>Supplier attribution:
 *
 * @param shipmentRetention how long a shipment is remembered for complaints about its order
 *     (default 30 days)
 * @param shipmentWait how long (event time) an OPENED complaint waits for its order's shipment
 *     before it is counted as unattributed (default 1 h); share windows are judged this long
 *     after they end, so such complaints count in their own window
 * @param shareWindow the sliding window of supplier shares (default 24 h)
 * @param shareSlide how often it advances (default 1 h); must divide {@code shareWindow}
 * @param alpha a supplier is flagged only when its Benjamini–Hochberg q-value is at or below
 *     this (default 0.01)
 * @param minLift ... and its lift, complaint share over shipment share, is at least this
 *     (default 2)
 * @param minComplaints ... and it drew at least this many complaints in the window (default 5)
 * @param resolveAfterWindows an open {@code SUPPLIER_OUTLIER} episode resolves after this many
 *     consecutive unflagged windows (default 3)
 *
 * <p>Complaint spikes:
 * @param spikeBucket counting bucket (default 5 min)
 * @param spikeAlpha EWMA weight of a normal bucket (default 0.05: a memory of about 20 buckets)
 * @param spikeWeightFactor a spike bucket enters the baseline at {@code alpha × factor}
 *     (default 0.1), so a surge does not raise its own baseline
 * @param spikeWarmupBuckets no alert before the baseline has seen this many buckets (default 12)
 * @param spikeMaxP a bucket is a spike when P(X ≥ x | baseline) is at or below this (default 1e-4)
 * @param spikeMinCount ... and x is at least this (default 10)
 * @param spikeMinRatio ... and x is at least this multiple of the baseline (default 2)
 * @param spikeCalmBuckets an open spike episode resolves after this many consecutive buckets
 *     under the hysteresis level (default 3)
 */
public record ComplaintsConfig(
        Duration shipmentRetention,
        Duration shipmentWait,
        Duration shareWindow,
        Duration shareSlide,
        double alpha,
        double minLift,
        int minComplaints,
        int resolveAfterWindows,
        Duration spikeBucket,
        double spikeAlpha,
        double spikeWeightFactor,
        int spikeWarmupBuckets,
        double spikeMaxP,
        int spikeMinCount,
        double spikeMinRatio,
        int spikeCalmBuckets) implements Serializable {

    /** The configuration file's section for these settings: {@code complaints:}. */
    public static final String NAME = "complaints";

    public static final ComplaintsConfig DEFAULTS = new ComplaintsConfig(
            Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
            0.01, 2.0, 5, 3,
            Duration.ofMinutes(5), 0.05, 0.1, 12, 1e-4, 10, 2.0, 3);

    public ComplaintsConfig {
        for (Duration d : new Duration[] {shipmentRetention, shipmentWait, shareWindow, shareSlide, spikeBucket}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every duration of the complaints settings must be positive");
            }
        }
        if (shareWindow.toMillis() % shareSlide.toMillis() != 0) {
            throw new IllegalArgumentException("share-slide must divide share-window");
        }
        if (!(alpha > 0 && alpha < 1) || !(spikeMaxP > 0 && spikeMaxP < 1)) {
            throw new IllegalArgumentException("alpha and spike-max-p must be within (0, 1)");
        }
        if (!(spikeAlpha > 0 && spikeAlpha <= 1) || !(spikeWeightFactor > 0 && spikeWeightFactor <= 1)) {
            throw new IllegalArgumentException("spike-alpha and spike-weight-factor must be within (0, 1]");
        }
        if (minLift < 1 || minComplaints < 1 || resolveAfterWindows < 1 || spikeWarmupBuckets < 1
                || spikeMinCount < 1 || spikeMinRatio < 1 || spikeCalmBuckets < 1) {
            throw new IllegalArgumentException("lift and ratio limits must be ≥ 1, counts ≥ 1");
        }
    }

    /** Number of slides in one share window (24 for the defaults). */
    public int slidesPerWindow() {
        return (int) (shareWindow.toMillis() / shareSlide.toMillis());
    }
}
