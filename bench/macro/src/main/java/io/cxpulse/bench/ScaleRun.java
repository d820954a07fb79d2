package io.cxpulse.bench;

import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.TopicSetup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Throughput and state per active customer with a given number of customers: the same number
 * of simulated events spread over few or many customers, every job live (as the demo). Timed
 * from the job running until its consumer lag is zero; then stopped with a savepoint, whose size
 * divided by the customers seen in the events is the state each active customer costs.
 */
final class ScaleRun {

    record Result(int customers, long events, int activeCustomers, double seconds, long stateBytes) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double bytesPerCustomer() {
            return stateBytes / (double) activeCustomers;
        }
    }

    private ScaleRun() {}

    static Result run(CxPulseConfig base, long events, int customers, int parallelism, int partitions, long seed)
            throws Exception {
        CxPulseConfig config = base.withTopics(TopicsConfig.CONTRACT.withPrefix("scale-" + customers + "."));
        TopicSetup.ensure(config, partitions, (short) 1);
        Preload.Result loaded = Preload.run(config, events, customers, seed);
        LocalFlink flink = LocalFlink.create(config, parallelism);
        try (ConsumerLag lag = new ConsumerLag(config, config.kafka().groupIdPrefix() + "-" + Pipelines.ALL_JOBS)) {
            Pipelines.attachToKafka(flink.env(), config, Pipelines.JobConfigs.DEFAULTS);
            JobClient job = flink.env().executeAsync("bench-scale-" + customers);
            FlinkRuns.awaitRunning(job);
            long started = System.nanoTime();
            while (lag.records() > 0) {
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String savepoint = job.stopWithSavepoint(false, flink.savepointDirectory(), SavepointFormatType.CANONICAL)
                    .get(120, TimeUnit.SECONDS);
            return new Result(customers, loaded.events(), loaded.customers(), seconds, size(Path.of(URI.create(
                    savepoint.startsWith("file:") ? savepoint : "file://" + savepoint))));
        } finally {
            flink.deleteTemporaryFiles();
        }
    }

    private static long size(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
