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
 * @param unaligned default true: checkpoint barriers overtake records queued between operators
 *     (which go into the checkpoint), so a checkpoint, and the commit of the output it covers,
 *     does not wait for a backlog to drain. Savepoints are aligned whatever this says.
 */
public record CheckpointsConfig(Duration interval, String directory, String stateBackend, Boolean unaligned)
        implements Serializable {

    public CheckpointsConfig {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        unaligned = unaligned == null || unaligned;
        stateBackend = stateBackend == null || stateBackend.isBlank() ? "hashmap" : stateBackend;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoints.interval must be positive");
        }
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("checkpoints.state-backend must be hashmap or rocksdb");
        }
    }

    /** Unaligned, the default. */
    public CheckpointsConfig(Duration interval, String directory, String stateBackend) {
        this(interval, directory, stateBackend, null);
    }

    public static CheckpointsConfig defaults() {
        return new CheckpointsConfig(null, null, null, null);
    }
}
