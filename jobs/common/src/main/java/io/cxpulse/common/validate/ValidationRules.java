package io.cxpulse.common.validate;

import java.io.Serializable;
import java.time.Instant;

/**
 * The limits every input record is held to, whatever its type.
 *
 * @param maxFieldChars longest string any field may hold (chat text and survey comments are the
 *     long ones); longer is {@code OVERSIZED}
 * @param earliestEventTime an {@code event_time} before this is implausible ({@code BAD_TIMESTAMP})
 * @param latestEventTime an {@code event_time} after this is implausible; a fixed bound rather
 *     than "now plus skew" so that replay gives the same verdict as live
 */
public record ValidationRules(int maxFieldChars, Instant earliestEventTime, Instant latestEventTime)
        implements Serializable {

    /** 16 Ki characters a field; event times from 2000 to 2100. */
    public static final ValidationRules DEFAULT = new ValidationRules(
            16 * 1024, Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));

    public ValidationRules {
        if (maxFieldChars <= 0) {
            throw new IllegalArgumentException("maxFieldChars must be positive, was " + maxFieldChars);
        }
        if (!earliestEventTime.isBefore(latestEventTime)) {
            throw new IllegalArgumentException("earliestEventTime must be before latestEventTime");
        }
    }
}
