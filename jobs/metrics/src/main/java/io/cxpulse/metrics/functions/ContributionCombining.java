package io.cxpulse.metrics.functions;

import io.cxpulse.common.combine.PreAggregator;
import io.cxpulse.metrics.logic.Contribution;
import java.time.Duration;

/**
 * How contributions add up before they cross to the metric windows: by dimension value and by
 * bucket, the greatest common divisor of the window sizes (a minute for 1-minute and 1-hour
 * windows), so the contributions added into one lie in the same window of every size. A
 * contribution whose shortest window may already have fired downstream travels alone.
 */
public final class ContributionCombining implements PreAggregator.Combining<Contribution> {

    private static final long serialVersionUID = 1L;

    private final long bucketMs;
    private final long shortestMs;

    public ContributionCombining(Duration... windowSizes) {
        long gcd = 0;
        long shortest = Long.MAX_VALUE;
        for (Duration size : windowSizes) {
            gcd = gcd(gcd, size.toMillis());
            shortest = Math.min(shortest, size.toMillis());
        }
        if (gcd <= 0) {
            throw new IllegalArgumentException("window sizes must be positive");
        }
        this.bucketMs = gcd;
        this.shortestMs = shortest;
    }

    /** A dimension value's bucket. */
    record Bucket(String dimension, String value, long index) {}

    @Override
    public long timeOf(Contribution c) {
        return c.timeMs;
    }

    @Override
    public Object bucketOf(Contribution c, long watermark) {
        long shortestWindowLast = Math.floorDiv(c.timeMs, shortestMs) * shortestMs + shortestMs - 1;
        if (shortestWindowLast <= watermark) {
            return null; // that window has fired, or may have: a correction or too late, on its own
        }
        return new Bucket(c.dimension, c.value, Math.floorDiv(c.timeMs, bucketMs));
    }

    @Override
    public Contribution copy(Contribution c) {
        return new Contribution(c.dimension, c.value, c.timeMs, c.counts.copy());
    }

    @Override
    public Contribution add(Contribution sum, Contribution next) {
        sum.counts.add(next.counts);
        return sum;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
