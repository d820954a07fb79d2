package io.cxpulse.common.validate;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The limits every input record is held to, whatever its type.
 *
 * @param maxFieldChars longest string any field may hold (chat text and survey comments are the
 *     long ones); longer is {@code OVERSIZED}
 * @param earliestEventTime an {@code event_time} (or {@code promised_time}) before this is
 *     implausible ({@code BAD_TIMESTAMP})
 * @param latestEventTime a timestamp after this is implausible
 * @param maxFutureSkew an {@code event_time} more than this ahead of {@code clock} is {@code
 *     BAD_TIMESTAMP} ("in the future"): it has not happened yet, and taken at its word it would
 *     move the watermark so far ahead that every later event is late. Kafka's own bound on record
 *     timestamps ({@code message.timestamp.after.max.ms}) is 1 h by default, and so is this.
 *     {@code promised_time} is a promise, legitimately days ahead: only the fixed bounds apply.
 * @param clock the wall clock {@code maxFutureSkew} is measured against
 */
public record ValidationRules(
        int maxFieldChars, Instant earliestEventTime, Instant latestEventTime, Duration maxFutureSkew, Clock clock)
        implements Serializable {

    /** The default skew: 1 h, as Kafka's {@code message.timestamp.after.max.ms}. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    /** 16 Ki characters a field; event times from 2000 to 2100 and at most 1 h ahead of the clock. */
    public static final ValidationRules DEFAULT = new ValidationRules(
            16 * 1024, Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"),
            DEFAULT_MAX_FUTURE_SKEW, Clock.systemUTC());

    public ValidationRules {
        if (maxFieldChars <= 0) {
            throw new IllegalArgumentException("maxFieldChars must be positive, was " + maxFieldChars);
        }
        if (!earliestEventTime.isBefore(latestEventTime)) {
            throw new IllegalArgumentException("earliestEventTime must be before latestEventTime");
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
    }

    /** The same rules against another clock (tests). */
    public ValidationRules withClock(Clock other) {
        return new ValidationRules(maxFieldChars, earliestEventTime, latestEventTime, maxFutureSkew, other);
    }

    /** The latest {@code event_time} accepted now, in epoch milliseconds. */
    public long latestEventTimeMsNow() {
        return clock.millis() + maxFutureSkew.toMillis();
    }
}
