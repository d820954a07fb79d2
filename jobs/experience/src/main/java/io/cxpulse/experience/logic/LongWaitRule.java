package io.cxpulse.experience.logic;

import io.cxpulse.schema.Severity;
import java.time.Duration;

/**
 * A queue is melting down when its oldest waiting caller has waited longer than
 * {@code maxOldestWait}, or when {@code maxWaiting} callers or more are waiting at once. It is
 * back to normal only after it has been under both limits for {@code calmPeriod}, so a queue
 * hovering at the limit is one episode, not a flapping series of alerts. Severity is HIGH from
 * twice either limit.
 *
 * <p>Works in milliseconds: it is asked on every event of a busy queue.
 */
public final class LongWaitRule {

    private final long maxOldestWaitMs;
    private final int maxWaiting;
    private final Duration calmPeriod;

    public LongWaitRule(Duration maxOldestWait, int maxWaiting, Duration calmPeriod) {
        if (maxOldestWait.isNegative() || maxOldestWait.isZero() || maxWaiting < 1 || calmPeriod.isNegative()) {
            throw new IllegalArgumentException("queue limits must be positive");
        }
        this.maxOldestWaitMs = maxOldestWait.toMillis();
        this.maxWaiting = maxWaiting;
        this.calmPeriod = calmPeriod;
    }

    public boolean breached(long oldestWaitMs, int waiting) {
        return oldestWaitMs > maxOldestWaitMs || waiting >= maxWaiting;
    }

    /** HIGH when the oldest wait is over twice the limit or twice the callers wait. */
    public Severity severity(long oldestWaitMs, int waiting) {
        return oldestWaitMs > 2 * maxOldestWaitMs || waiting >= 2 * maxWaiting ? Severity.HIGH : Severity.MEDIUM;
    }

    /**
     * When, with nobody answered or added, the judgement of the queue changes next: the oldest
     * caller passes the limit, then twice the limit; {@code Long.MAX_VALUE} when nothing more can
     * change by waiting alone.
     */
    public long nextChangeMs(long oldestQueuedMs, long nowMs) {
        long breach = oldestQueuedMs + maxOldestWaitMs + 1;
        if (nowMs < breach) {
            return breach;
        }
        long high = oldestQueuedMs + 2 * maxOldestWaitMs + 1;
        return nowMs < high ? high : Long.MAX_VALUE;
    }

    public Duration calmPeriod() {
        return calmPeriod;
    }

    public static String summary(String queue, long oldestWaitMs, int waiting) {
        return "Queue " + queue + ": " + waiting + " caller" + (waiting == 1 ? "" : "s") + " waiting, the oldest for "
                + PoorExperienceRules.minutes(Duration.ofMillis(oldestWaitMs));
    }
}
