package io.cxpulse.complaints;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The complaints job on its own: shipments and complaints from Kafka, alerts to
 * {@code cx.alerts.v1} and supplier shares to {@code cx.supplier-shares.v1}, exactly once. What
 * {@code ./cxpulse run complaints} runs, the benchmark measures alone and the job's integration
 * test drives; on a cluster, every job runs in the one application,
 * {@code io.cxpulse.pipeline.CxPulseJob}.
 */
public final class ComplaintsJob {

    public static final String NAME = "complaints";

    private ComplaintsJob() {}

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
