package io.cxpulse.simulate;

import java.time.Duration;

/**
 * How busy the centre is by time of day (UTC of the simulated clock): quiet at night, a
 * morning ramp, a late-morning peak and a slow evening decline, as contact centres see it.
 * Multiplies every base rate; interpolated linearly within the hour.
 */
public final class DailyCurve {

    private static final double[] BY_HOUR = {
        0.20, 0.15, 0.10, 0.10, 0.15, 0.30, 0.50, 0.80, 1.00, 1.15, 1.20, 1.15,
        1.10, 1.10, 1.15, 1.10, 1.00, 0.95, 0.90, 0.80, 0.60, 0.50, 0.40, 0.30};

    /** The largest multiplier: the thinning bound of the arrival processes. */
    public static final double PEAK = 1.20;

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private DailyCurve() {}

    public static double at(long epochMs) {
        long ofDay = Math.floorMod(epochMs, DAY_MS);
        int hour = (int) (ofDay / HOUR_MS);
        double within = (ofDay % HOUR_MS) / (double) HOUR_MS;
        return BY_HOUR[hour] + (BY_HOUR[(hour + 1) % 24] - BY_HOUR[hour]) * within;
    }
}
