package io.cxpulse.common.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Deduplication of inputs by {@code event_id}.
 *
 * @param horizon how long an {@code event_id} is remembered, in processing time (state TTL):
 *     a producer's retry (seconds) or an upstream re-send after an outage (minutes) arrives well
 *     within it. Default 1 h. Memory grows with events per horizon: about 100 bytes an event id
 *     in RocksDB.
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
