package io.cxpulse.simulate;

import java.util.concurrent.TimeUnit;

/**
 * Holds a simulation to real time: an event {@code t} simulated seconds into the run is sent
 * no earlier than {@code t / acceleration} real seconds into it, and no more than {@code rate}
 * events go out per real second. Either limit is off when it is 0. A sender that falls behind
 * is not made to catch up in a burst beyond the rate: it sends as fast as the rate allows.
 */
final class Pacer {

    private final double acceleration;
    private final double rate;
    private long simStartMs;
    private long realStartNanos;

    Pacer(double acceleration, double rate) {
        if (acceleration < 0 || rate < 0 || Double.isNaN(acceleration) || Double.isNaN(rate)) {
            throw new IllegalArgumentException("acceleration and rate must not be negative");
        }
        this.acceleration = acceleration;
        this.rate = rate;
    }

    void start(long simStartMs) {
        this.simStartMs = simStartMs;
        this.realStartNanos = System.nanoTime();
    }

    /** Blocks until the {@code sent}-th event, simulated at {@code simTimeMs}, may go. */
    void await(long simTimeMs, long sent) throws InterruptedException {
        long dueNanos = 0;
        if (acceleration > 0) {
            dueNanos = (long) ((simTimeMs - simStartMs) / acceleration * 1_000_000);
        }
        if (rate > 0) {
            dueNanos = Math.max(dueNanos, (long) (sent / rate * 1_000_000_000));
        }
        long aheadNanos = dueNanos - (System.nanoTime() - realStartNanos);
        if (aheadNanos > TimeUnit.MILLISECONDS.toNanos(2)) {
            TimeUnit.NANOSECONDS.sleep(aheadNanos);
        }
    }
}
