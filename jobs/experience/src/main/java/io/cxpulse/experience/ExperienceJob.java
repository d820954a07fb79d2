package io.cxpulse.experience;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The experience job on its own: calls, chats and surveys from Kafka, alerts to
 * {@code cx.alerts.v1}, exactly once. What {@code ./cxpulse run experience} runs, the benchmark
 * measures alone and the job's integration test drives; on a cluster, every job runs in the one
 * application, {@code io.cxpulse.pipeline.CxPulseJob}.
 */
public final class ExperienceJob {

    public static final String NAME = "experience";

    private ExperienceJob() {}

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
