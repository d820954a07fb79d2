package io.cxpulse.metrics;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The metrics job on its own: all five inputs from Kafka, snapshots to
 * {@code cx.metrics.v1} (keyed by dimension, value, window start and size, so the topic can be
 * compacted), exactly once. What {@code ./cxpulse run metrics} runs, the benchmark measures
 * alone and the job's integration test drives; on a cluster, every job runs in the one
 * application, {@code io.cxpulse.pipeline.CxPulseJob}.
 */
public final class MetricsJob {

    public static final String NAME = "metrics";

    private MetricsJob() {}

    /**
     * Kafka in, pipeline, Kafka out: the whole job, on {@code env}; unreadable input and events
     * too late for their window to the dead-letter topic. A bounded run has no early updates.
     */
    public static MetricsPipeline.Outputs attach(
            StreamExecutionEnvironment env, CxPulseConfig config, MetricsConfig metrics, boolean bounded) {
        KafkaInputs inputs = new KafkaInputs(env, config, NAME, bounded);
        MetricsPipeline.Outputs outputs = MetricsPipeline.build(inputs.calls(), inputs.chats(), inputs.surveys(),
                inputs.shipments(), inputs.complaints(), bounded ? metrics.withoutEarlyUpdates() : metrics);
        outputs.metrics()
                .sinkTo(KafkaOutputs.sink(OutputTopic.METRICS, config, NAME))
                .name("Write metrics")
                .uid("metric-sink");
        // Unreadable input and events too late for their window: both dead letters, one topic.
        inputs.deadLetters().map(deadLetters -> deadLetters.union(outputs.late())).orElse(outputs.late())
                .sinkTo(KafkaOutputs.deadLetterSink(config, NAME))
                .name("Write dead letters")
                .uid("dead-letter-sink");
        return outputs;
    }
}
