package io.cxpulse.pipeline;

import io.cxpulse.common.io.TransactionTimeoutCheck;
import io.cxpulse.common.runtime.FlinkSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CX Pulse as one Flink application: the five input topics in, every pipeline
 * ({@link Pipelines}), alerts, metrics, supplier shares and dead letters out, exactly once.
 * The job jar ({@code jobs/pipeline/target/cxpulse-pipeline.jar}) runs it on a Flink cluster:
 * {@code flink run -c io.cxpulse.pipeline.CxPulseJob cxpulse-pipeline.jar --config-file cxpulse.yaml},
 * the REST API ({@code programArgsList}), or application mode (the jar in {@code usrlib}).
 *
 * <p>Before it builds anything it logs the Kafka servers and topics it will use, and checks the
 * transaction timeout against the brokers: a wrong argument or setting fails the start with one
 * line that says so ({@link JobStart}, {@link TransactionTimeoutCheck}). When {@code main} is
 * done it releases what the job's classes left on the JobManager's threads
 * ({@link ThreadLocalRelease}), so that submitting it again and again does not fill the
 * JobManager's metaspace.
 */
public final class CxPulseJob {

    public static final String NAME = "cxpulse";

    private static final Logger LOG = LoggerFactory.getLogger(CxPulseJob.class);

    private CxPulseJob() {}

    public static void main(String[] args) throws Exception {
        JobStart start = JobStart.parse(args, System.getenv());
        start.describe().forEach(line -> LOG.info("CX Pulse {}", line));
        TransactionTimeoutCheck.verify(start.config().kafka());
        StreamExecutionEnvironment env = FlinkSettings.environment(start.config());
        Pipelines.attachToKafka(env, start.config(), start.jobs());
        try {
            env.execute(NAME);
        } finally {
            // A REST or web submission runs main on a JobManager pool thread with a class loader
            // of its own, dropped when main returns.
            ThreadLocalRelease.releaseAfterMain();
        }
    }
}
