package io.cxpulse.bench;

import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.local.LocalFlink;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink variants, each a bounded job on a fresh local cluster reading the input topics to
 * the end they had at its start. Timed by the job's own net runtime, from its start to its last
 * record committed, so the cluster's start-up (a few seconds) is not counted against it.
 */
final class FlinkRuns {

    static final String R1_PREFIX = "bench.r1.";

    private FlinkRuns() {}

    /**
     * R1: decode, validate, encode, exactly-once sink; no state (no deduplication). Every input
     * to a topic of its own.
     */
    static double passThrough(CxPulseConfig config, int parallelism, String job) throws Exception {
        LocalFlink flink = LocalFlink.create(config, parallelism);
        try {
            StreamExecutionEnvironment env = flink.env();
            KafkaInputs inputs = KafkaInputs.bounded(env, config, job);
            for (InputTopic<?> input : InputTopic.ALL) {
                copy(inputs, input, config, job);
            }
            inputs.deadLetters().ifPresent(d -> d.sinkTo(KafkaOutputs.deadLetterSink(config, job))
                    .name("Write dead letters").uid("dead-letter-sink"));
            JobExecutionResult result = env.execute(job);
            return result.getNetRuntime() / 1000.0;
        } finally {
            flink.deleteTemporaryFiles();
        }
    }

    /** R2: every job together, as {@code demo} runs them. */
    static double allJobs(CxPulseConfig config, int parallelism, String job) throws Exception {
        LocalFlink flink = LocalFlink.create(config, parallelism);
        try {
            Pipelines.attachToKafka(flink.env(), config, Pipelines.JobConfigs.DEFAULTS, true);
            JobExecutionResult result = flink.env().execute(job);
            return result.getNetRuntime() / 1000.0;
        } finally {
            flink.deleteTemporaryFiles();
        }
    }

    /** Waits (up to a minute) until a submitted job runs. */
    static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static <T extends SpecificRecordBase> void copy(KafkaInputs inputs, InputTopic<T> input,
            CxPulseConfig config, String job) {
        inputs.validated(input)
                .sinkTo(KafkaOutputs.recordSink(R1_PREFIX + config.topics().of(input), input.recordClass(),
                        input.key(), config, job, "r1-" + input.name()))
                .name("Write " + input.name()).uid("r1-" + input.name());
    }
}
