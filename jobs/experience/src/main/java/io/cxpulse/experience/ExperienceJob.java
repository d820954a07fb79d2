package io.cxpulse.experience;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.runtime.FlinkSettings;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The experience job as its own Flink application: calls, chats and surveys from Kafka,
 * alerts to {@code cx.alerts.v1}, exactly once. Submit the app's jar with this main class to a
 * cluster ({@code flink run -c io.cxpulse.experience.ExperienceJob cxpulse.jar --config
 * cxpulse.yaml}), or run it locally with {@code ./cxpulse run experience}.
 */
public final class ExperienceJob {

    public static final String NAME = "experience";

    private ExperienceJob() {}

    public static void main(String[] args) throws Exception {
        Path configFile = args.length == 2 && args[0].equals("--config") ? Path.of(args[1]) : null;
        if (args.length != 0 && configFile == null) {
            throw new IllegalArgumentException("usage: ExperienceJob [--config FILE]");
        }
        CxPulseConfig config = ConfigLoader.load(configFile, System.getenv());
        ExperienceConfig experience = ConfigLoader.section(
                configFile, NAME, ExperienceConfig.class, ExperienceConfig.DEFAULTS, System.getenv());
        StreamExecutionEnvironment env = FlinkSettings.environment(config);
        attach(env, config, experience, false);
        env.execute("cxpulse-" + NAME);
    }

    /** Kafka in, pipeline, Kafka out: the whole job, on {@code env}. */
    public static void attach(
            StreamExecutionEnvironment env, CxPulseConfig config, ExperienceConfig experience, boolean bounded) {
        KafkaInputs inputs = new KafkaInputs(env, config, NAME, bounded);
        ExperiencePipeline.build(inputs.calls(), inputs.chats(), inputs.surveys(), experience)
                .sinkTo(KafkaOutputs.sink(OutputTopic.ALERTS, config, NAME))
                .name("Write alerts")
                .uid("alert-sink");
        inputs.deadLetters().ifPresent(deadLetters -> deadLetters
                .sinkTo(KafkaOutputs.deadLetterSink(config, NAME))
                .name("Write dead letters")
                .uid("dead-letter-sink"));
    }
}
