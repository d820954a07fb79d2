package io.cxpulse.common.runtime;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink settings every CX Pulse job runs with, whichever way it is started: exactly-once
 * checkpoints (the Kafka sinks' transactions commit on them), unaligned unless configured
 * otherwise (a commit does not wait for a backlog to drain), retained on cancellation so a
 * job can be restarted from its last one, the configured state backend, and no silent Kryo
 * fallback ({@code pipeline.generic-types: false}): a type Flink cannot serialize efficiently
 * fails when the job is built, not in production.
 *
 * <p>Object reuse ({@code pipeline.object-reuse: true}): a record passed to the next operator
 * of a chain is not deep-copied first. The copies (an Avro {@code deepCopy} per event in each
 * source chain, a POJO copy per metric contribution and interaction) were about a tenth of the
 * customer core thread's samples in a profile of a replay. It is safe because every
 * operator keeps to two rules, which a new one must keep too: it never holds on to a record it
 * was given beyond the call, unless the record came over the network (every keyed operator
 * does: a {@code keyBy} always crosses the network, and what it stores it was given fresh), and
 * it never changes a record after emitting it. The combiners chained after the customer core
 * copy the first record of a bucket before they add into it ({@code PreAggregator}); the sinks
 * encode what they get at once.
 */
public final class FlinkSettings {

    private FlinkSettings() {}

    public static Configuration toConfiguration(CxPulseConfig config) {
        CheckpointsConfig checkpoints = config.checkpoints();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, checkpoints.unaligned());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(StateBackendOptions.STATE_BACKEND, checkpoints.stateBackend());
        if (checkpoints.directory() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.directory());
        }
        if (checkpoints.stateBackend().equals("rocksdb")) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        return conf;
    }

    /** Applies the settings to an environment created elsewhere (a MiniCluster test, say). */
    public static StreamExecutionEnvironment apply(StreamExecutionEnvironment env, CxPulseConfig config) {
        env.configure(toConfiguration(config));
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
        return env;
    }

    /** A new environment (local when run outside a cluster) with the settings applied. */
    public static StreamExecutionEnvironment environment(CxPulseConfig config) {
        return environment(config, new Configuration());
    }

    /** ... with further Flink options on top (a savepoint to restore from, say). */
    public static StreamExecutionEnvironment environment(CxPulseConfig config, Configuration more) {
        Configuration conf = toConfiguration(config);
        conf.addAll(more);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
        return env;
    }
}
