package io.cxpulse.common.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Deduplication of inputs by {@code event_id}, done in the customer core.
 *
 * @param horizon how long (event time) an {@code event_id} is remembered with its customer, as a
 *     64-bit hash: until the watermark passes the event's time plus this. A producer's retry
 *     (within its {@code delivery.timeout.ms}, two minutes by default) or an upstream re-send
 *     after an outage (minutes) arrives well within it. Default 1 h; 16 bytes an event.
 */
public record DedupConfig(Duration horizon) implements Serializable {

    public DedupConfig {
        horizon = horizon == null ? Duration.ofHours(1) : horizon;
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("dedup.horizon must be positive");
        }
    }

    public static DedupConfig defaults() {
        return new DedupConfig(null);
    }
}
