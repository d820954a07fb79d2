package io.cxpulse.metrics;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.runtime.FlinkSettings;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The metrics job as its own Flink application: all five inputs from Kafka, snapshots to
 * {@code cx.metrics.v1} (keyed by dimension, value, window start and size, so the topic can be
 * compacted), exactly once. Submit the app's jar with this main class to a cluster ({@code flink
 * run -c io.cxpulse.metrics.MetricsJob cxpulse.jar --config cxpulse.yaml}), or run it locally
 * with {@code ./cxpulse run metrics}.
 */
public final class MetricsJob {

    public static final String NAME = "metrics";

    private MetricsJob() {}

    public static void main(String[] args) throws Exception {
        Path configFile = args.length == 2 && args[0].equals("--config") ? Path.of(args[1]) : null;
        if (args.length != 0 && configFile == null) {
            throw new IllegalArgumentException("usage: MetricsJob [--config FILE]");
        }
        CxPulseConfig config = ConfigLoader.load(configFile, System.getenv());
        MetricsConfig metrics = ConfigLoader.section(
                configFile, NAME, MetricsConfig.class, MetricsConfig.DEFAULTS, System.getenv());
        StreamExecutionEnvironment env = FlinkSettings.environment(config);
        attach(env, config, metrics, false);
        env.execute("cxpulse-" + NAME);
    }

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
