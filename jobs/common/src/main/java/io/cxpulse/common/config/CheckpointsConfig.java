package io.cxpulse.common.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Checkpointing, which exactly-once output rides on: a Kafka transaction commits when the
 * checkpoint that covers it completes, so output becomes visible to {@code read_committed}
 * readers about one interval after it is produced.
 *
 * @param interval default 10 s: end-to-end latency for committed readers is about this much
 * @param directory where checkpoints go ({@code file:///...}, {@code s3://...}); null keeps them
 *     in the job manager's memory (tests, demo)
 * @param stateBackend {@code hashmap} (default: tests, demo, small state) or {@code rocksdb}
 *     (production: large state, incremental checkpoints)
 */
public record CheckpointsConfig(Duration interval, String directory, String stateBackend) implements Serializable {

    public CheckpointsConfig {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        stateBackend = stateBackend == null || stateBackend.isBlank() ? "hashmap" : stateBackend;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoints.interval must be positive");
        }
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("checkpoints.state-backend must be hashmap or rocksdb");
        }
    }

    public static CheckpointsConfig defaults() {
        return new CheckpointsConfig(null, null, null);
    }
}
