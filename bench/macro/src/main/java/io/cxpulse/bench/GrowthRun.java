package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.TopicSetup;
import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.TrafficGenerator;
import io.cxpulse.simulate.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * State growth under steady traffic: the production graph live, simulated events sent at a fixed
 * rate for a given time (generated as they are sent, so the simulator shares the cores), and the
 * size of the latest completed checkpoint sampled every minute. A state with a death plan for
 * every piece levels off once its oldest entries expire; one that keeps growing at a steady slope
 * has a piece without one (or a horizon longer than the run).
 */
final class GrowthRun {

    /** One sample: minutes since the traffic started, and the latest checkpoint's state bytes. */
    record Sample(double minute, long stateBytes) {}

    record Result(double rate, Duration length, long sent, List<Sample> samples) {

        long firstBytes() {
            return samples.isEmpty() ? 0 : samples.get(0).stateBytes();
        }

        long lastBytes() {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).stateBytes();
        }

        /** Least-squares slope of state bytes over minutes; NaN with fewer than two samples. */
        double bytesPerMinute() {
            int n = samples.size();
            if (n < 2) {
                return Double.NaN;
            }
            double mx = samples.stream().mapToDouble(Sample::minute).average().orElseThrow();
            double my = samples.stream().mapToDouble(Sample::stateBytes).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            for (Sample s : samples) {
                sxy += (s.minute() - mx) * (s.stateBytes() - my);
                sxx += (s.minute() - mx) * (s.minute() - mx);
            }
            return sxx == 0 ? Double.NaN : sxy / sxx;
        }
    }

    static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);

    private GrowthRun() {}

    static Result run(CxPulseConfig base, double rate, Duration length, int parallelism, int partitions,
            int customers, long seed) throws Exception {
        CxPulseConfig config = base.withTopics(TopicsConfig.CONTRACT.withPrefix("growth."));
        TopicSetup.ensure(config, partitions, (short) 1);
        TrafficGenerator traffic = new TrafficGenerator(
                new TrafficGenerator.Settings(seed + 2, Preload.TRAFFIC_START, Duration.ofDays(30), 10, customers),
                World.standard(seed + 2, customers), IncidentScript.defaultScript());
        LocalFlink flink = LocalFlink.create(config, parallelism);
        Pipelines.attachToKafka(flink.env(), config, Pipelines.JobConfigs.DEFAULTS);
        JobClient job = flink.env().executeAsync("bench-growth");
        List<Sample> samples = new ArrayList<>();
        long sent = 0;
        try (KafkaTrafficSink sink = new KafkaTrafficSink(config)) {
            FlinkRuns.awaitRunning(job);
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long nextSample = start + SAMPLE_EVERY.toNanos();
            while (traffic.hasNext()) {
                long now = System.nanoTime();
                if (now >= nextSample) {
                    samples.add(new Sample((now - start) / 60e9,
                            CheckpointStats.of(flink.webUi(), job.getJobID()).latestStateBytes()));
                    nextSample += SAMPLE_EVERY.toNanos();
                }
                if (now >= end) {
                    break;
                }
                long due = start + (long) (sent / rate * 1e9);
                if (due - now > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(due - now);
                }
                sink.send(traffic.next());
                sent++;
            }
            sink.flush();
            return new Result(rate, length, sent, samples);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            flink.deleteTemporaryFiles();
        }
    }
}
