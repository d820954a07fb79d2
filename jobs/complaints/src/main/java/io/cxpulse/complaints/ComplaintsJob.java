package io.cxpulse.complaints;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.runtime.FlinkSettings;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The complaints job as its own Flink application: shipments and complaints from Kafka,
 * alerts to {@code cx.alerts.v1} and supplier shares to {@code cx.supplier-shares.v1}, exactly
 * once. Submit the app's jar with this main class to a
 * cluster ({@code flink run -c io.cxpulse.complaints.ComplaintsJob cxpulse.jar --config
 * cxpulse.yaml}), or run it locally with {@code ./cxpulse run complaints}.
 */
public final class ComplaintsJob {

    public static final String NAME = "complaints";

    private ComplaintsJob() {}

    public static void main(String[] args) throws Exception {
        Path configFile = args.length == 2 && args[0].equals("--config") ? Path.of(args[1]) : null;
        if (args.length != 0 && configFile == null) {
            throw new IllegalArgumentException("usage: ComplaintsJob [--config FILE]");
        }
        CxPulseConfig config = ConfigLoader.load(configFile, System.getenv());
        ComplaintsConfig complaints = ConfigLoader.section(
                configFile, NAME, ComplaintsConfig.class, ComplaintsConfig.DEFAULTS, System.getenv());
        StreamExecutionEnvironment env = FlinkSettings.environment(config);
        attach(env, config, complaints, false);
        env.execute("cxpulse-" + NAME);
    }

    /** Kafka in, pipeline, Kafka out: the whole job, on {@code env}. */
    public static void attach(
            StreamExecutionEnvironment env, CxPulseConfig config, ComplaintsConfig complaints, boolean bounded) {
        KafkaInputs inputs = new KafkaInputs(env, config, NAME, bounded);
        ComplaintsPipeline.Outputs outputs = ComplaintsPipeline.build(inputs.shipments(), inputs.complaints(), complaints);
        outputs.alerts()
                .sinkTo(KafkaOutputs.sink(OutputTopic.ALERTS, config, NAME))
                .name("Write alerts")
                .uid("alert-sink");
        outputs.supplierShares()
                .sinkTo(KafkaOutputs.sink(OutputTopic.SUPPLIER_SHARES, config, NAME))
                .name("Write supplier shares")
                .uid("supplier-share-sink");
        inputs.deadLetters().ifPresent(deadLetters -> deadLetters
                .sinkTo(KafkaOutputs.deadLetterSink(config, NAME))
                .name("Write dead letters")
                .uid("dead-letter-sink"));
    }
}
