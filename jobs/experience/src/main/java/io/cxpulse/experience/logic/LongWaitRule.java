package io.cxpulse.experience.logic;

import io.cxpulse.schema.Severity;
import java.time.Duration;

/**
 * A queue is melting down when its oldest waiting caller has waited longer than
 * {@code maxOldestWait}, or when {@code maxWaiting} callers or more are waiting at once. It is
 * back to normal only after it has been under both limits for {@code calmPeriod}, so a queue
 * hovering at the limit is one episode, not a flapping series of alerts.
 */
public final class LongWaitRule {

    private final Duration maxOldestWait;
    private final int maxWaiting;
    private final Duration calmPeriod;

    public LongWaitRule(Duration maxOldestWait, int maxWaiting, Duration calmPeriod) {
        this.maxOldestWait = maxOldestWait;
        this.maxWaiting = maxWaiting;
        this.calmPeriod = calmPeriod;
    }

    public boolean breached(Duration oldestWait, int waiting) {
        return oldestWait.compareTo(maxOldestWait) > 0 || waiting >= maxWaiting;
    }

    /** HIGH when the oldest wait is over twice the limit or twice the callers wait. */
    public Severity severity(Duration oldestWait, int waiting) {
        return oldestWait.compareTo(maxOldestWait.multipliedBy(2)) > 0 || waiting >= 2 * maxWaiting
                ? Severity.HIGH : Severity.MEDIUM;
    }

    /** When, with no change, the oldest caller will pass the limit. */
    public long breachDueMs(long oldestQueuedMs) {
        return oldestQueuedMs + maxOldestWait.toMillis() + 1;
    }

    public Duration calmPeriod() {
        return calmPeriod;
    }

    public static String summary(String queue, Duration oldestWait, int waiting) {
        return "Queue " + queue + ": " + waiting + " caller" + (waiting == 1 ? "" : "s") + " waiting, the oldest for "
                + PoorExperienceRules.minutes(oldestWait);
    }
}
