package io.cxpulse.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the metrics (section {@code metrics:}), each with its documented default (see the module README).
 *
 * @param serviceLevel a contact answered within this wait counts towards the service level
 *     (default 20 s)
 * @param shortWindow the first window size (default 1 min); final records only
 * @param longWindow the second window size (default 1 h); also early updates while open
 * @param earlyUpdates how often (processing time) an open long window with new data emits an
 *     early {@code final=false} record (default 10 s); zero turns early updates off, as replay
 *     does, so that its output is deterministic
 * @param allowedLateness an event this late (behind the watermark) still corrects its closed
 *     window with a new {@code final=true} record (default 5 min); later ones are counted and
 *     set aside
 * @param firstContactLookback a resolved contact counts as resolved on first contact when the
 *     customer had no other contact on the same reason within this before it (default 72 h)
 * @param interactionTimeout an interaction with no event for this long is closed incomplete,
 *     and not counted (default 4 h)
 * @param surveyWait a survey that arrives before its interaction waits this long for the
 *     interaction's queue (default 5 min)
 * @param surveyRetention a closed interaction is kept this long for its surveys (default 48 h)
 * @param shipmentRetention a shipment is kept this long for complaints about its order (default
 *     30 days)
 * @param shipmentWait a complaint that arrives before its order's shipment waits this long for
 *     its supplier (default 5 min)
 */
public record MetricsConfig(
        Duration serviceLevel,
        Duration shortWindow,
        Duration longWindow,
        Duration earlyUpdates,
        Duration allowedLateness,
        Duration firstContactLookback,
        Duration interactionTimeout,
        Duration surveyWait,
        Duration surveyRetention,
        Duration shipmentRetention,
        Duration shipmentWait) implements Serializable {

    /** The configuration file's section for these settings: {@code metrics:}. */
    public static final String NAME = "metrics";

    public static final MetricsConfig DEFAULTS = new MetricsConfig(
            Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(10),
            Duration.ofMinutes(5), Duration.ofHours(72), Duration.ofHours(4), Duration.ofMinutes(5),
            Duration.ofHours(48), Duration.ofDays(30), Duration.ofMinutes(5));

    public MetricsConfig {
        for (Duration d : new Duration[] {serviceLevel, shortWindow, longWindow, earlyUpdates, allowedLateness,
                firstContactLookback, interactionTimeout, surveyWait, surveyRetention, shipmentRetention,
                shipmentWait}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("every duration of the metrics settings must be given and not negative");
            }
        }
        for (Duration d : new Duration[] {shortWindow, longWindow, firstContactLookback, interactionTimeout,
                surveyWait, surveyRetention, shipmentRetention, shipmentWait}) {
            if (d.isZero()) {
                throw new IllegalArgumentException(
                        "window sizes, lookback, timeout, waits and retentions of the metrics settings must be positive");
            }
        }
    }

    /** The same settings without early updates (replay, and tests that compare final records). */
    public MetricsConfig withoutEarlyUpdates() {
        return new MetricsConfig(serviceLevel, shortWindow, longWindow, Duration.ZERO, allowedLateness,
                firstContactLookback, interactionTimeout, surveyWait, surveyRetention, shipmentRetention,
                shipmentWait);
    }
}
