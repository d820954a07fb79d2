package io.cxpulse.bench;

import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.TopicSetup;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.SimEvent;
import io.cxpulse.simulate.TrafficGenerator;
import io.cxpulse.simulate.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Latency under load, open loop: every job live (as the demo), simulated events sent at a fixed
 * rate whatever the pipeline does, event {@code i} scheduled at {@code start + i / rate} and
 * stamped with that time (its Kafka timestamp), so a stall delays the alerts it holds up
 * without slowing the sender and hiding itself.
 *
 * <p>An alert's latency runs from the scheduled send time of the first event at or after the
 * alert's event time (the input that let it be raised: the interaction's end, the survey, the
 * first event past a window's end) to when a consumer sees it, once as {@code read_committed}
 * (exactly-once: after the checkpoint that commits it) and once as {@code read_uncommitted}.
 * The jobs' consumer lag is sampled every second.
 */
final class LatencyRun {

    /**
     * @param checkpointInterval the run's: a {@code read_committed} reader sees an alert when the
     *     checkpoint after it completes
     * @param checkpoints the run's checkpoint statistics, read just before it stops
     */
    record Result(double rate, long sent, double sendSeconds, Percentiles committed, Percentiles uncommitted,
            long maxLag, long lagAtEnd, List<Long> lagSamples, List<KindLatency> byKind, Duration checkpointInterval,
            CheckpointStats checkpoints) {}

    /** One alert kind's latencies. */
    record KindLatency(String kind, Percentiles committed, Percentiles uncommitted) {}

    record Percentiles(int alerts, double p50Ms, double p99Ms, double maxMs) {
        static Percentiles of(List<Double> latencies) {
            if (latencies.isEmpty()) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Percentiles(v.length, at(v, 0.50), at(v, 0.99), v[v.length - 1]);
        }

        private static double at(double[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
        }
    }

    /** How long the traffic goes on, untimed, after the timed events. */
    static final Duration TAIL = Duration.ofSeconds(5);

    private LatencyRun() {}

    static Result run(CxPulseConfig base, double rate, Duration length, int parallelism, int partitions,
            int customers, long seed) throws Exception {
        // Topics of its own per checkpoint interval: each run reads its inputs from the start.
        CxPulseConfig config = base.withTopics(TopicsConfig.CONTRACT.withPrefix(
                "latency-" + base.checkpoints().interval().toMillis() + "ms."));
        TopicSetup.ensure(config, partitions, (short) 1);
        // The traffic is simulated before the clock starts, so the open loop measures the
        // pipeline, not the simulator competing with it for the same cores.
        TrafficGenerator traffic = new TrafficGenerator(
                new TrafficGenerator.Settings(seed + 1, Preload.TRAFFIC_START, Duration.ofDays(30),
                        10, customers),
                World.standard(seed + 1, customers), IncidentScript.defaultScript());
        // The traffic goes on for TAIL after the timed events, untimed: were it to stop, the
        // watermark would stop with it, and the alerts of the last timed events would wait for
        // the sources' idleness timeout, which a pipeline under steady load never sees.
        int timed = (int) Math.min(Integer.MAX_VALUE - 8, (long) (rate * length.toSeconds()) + 1);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
                (long) (rate * (length.toSeconds() + TAIL.toSeconds())) + 1);
        List<SimEvent> events = new ArrayList<>(capacity);
        while (events.size() < capacity && traffic.hasNext()) {
            events.add(traffic.next());
        }
        LocalFlink flink = LocalFlink.create(config, parallelism);
        Pipelines.attachToKafka(flink.env(), config, Pipelines.JobConfigs.DEFAULTS);
        JobClient job = flink.env().executeAsync("bench-latency");
        Duration hold = Pipelines.JobConfigs.DEFAULTS.complaints().shipmentWait();
        try (AlertWatcher committed = new AlertWatcher(config, "read_committed", hold);
                AlertWatcher uncommitted = new AlertWatcher(config, "read_uncommitted", hold);
                ConsumerLag lag = new ConsumerLag(config, config.kafka().groupIdPrefix() + "-" + Pipelines.ALL_JOBS);
                KafkaTrafficSink sink = new KafkaTrafficSink(config)) {
            FlinkRuns.awaitRunning(job);
            Thread.sleep(3000); // sources assigned their partitions
            long[] simTimes = new long[capacity];
            long[] scheduled = new long[capacity];
            List<Long> lagSamples = new ArrayList<>();
            long startNanos = System.nanoTime();
            long startMs = System.currentTimeMillis();
            long nextSample = startNanos + TimeUnit.SECONDS.toNanos(1);
            int n = 0;
            long timedSent = 0;
            while (n < events.size()) {
                long dueNanos = startNanos + (long) (n / rate * 1e9);
                long now = System.nanoTime();
                if (dueNanos - now > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(dueNanos - now);
                }
                if (now >= nextSample) {
                    lagSamples.add(lag.records());
                    nextSample += TimeUnit.SECONDS.toNanos(1);
                }
                SimEvent e = events.get(n);
                long scheduledMs = startMs + (long) (n / rate * 1000);
                simTimes[n] = e.timeMs();
                scheduled[n] = scheduledMs;
                sink.send(e, scheduledMs);
                n++;
                if (n == timed) {
                    timedSent = System.nanoTime();
                }
            }
            sink.flush();
            double sendSeconds = ((timedSent > 0 ? timedSent : System.nanoTime()) - startNanos) / 1e9;
            // Let the last events through: a few checkpoints, then the lag must be gone.
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long lagAtEnd;
            do {
                Thread.sleep(1000);
                lagAtEnd = lag.records();
                lagSamples.add(lagAtEnd);
            } while (lagAtEnd > 0 && System.nanoTime() < drainUntil);
            Thread.sleep(3 * config.checkpoints().interval().toMillis());
            long[] times = Arrays.copyOf(simTimes, Math.min(n, timed));
            long[] sched = Arrays.copyOf(scheduled, Math.min(n, timed));
            List<AlertWatcher.Seen> seenCommitted = committed.seen();
            List<AlertWatcher.Seen> seenUncommitted = uncommitted.seen();
            List<KindLatency> byKind = new ArrayList<>();
            for (String kind : new TreeSet<>(seenCommitted.stream().map(AlertWatcher.Seen::kind).toList())) {
                byKind.add(new KindLatency(kind,
                        latencies(seenCommitted.stream().filter(s -> s.kind().equals(kind)).toList(), times, sched),
                        latencies(seenUncommitted.stream().filter(s -> s.kind().equals(kind)).toList(), times, sched)));
            }
            CheckpointStats checkpoints = CheckpointStats.of(flink.webUi(), job.getJobID());
            return new Result(rate, times.length, sendSeconds, latencies(seenCommitted, times, sched),
                    latencies(seenUncommitted, times, sched),
                    lagSamples.stream().mapToLong(Long::longValue).max().orElse(0), lagAtEnd, lagSamples, byKind,
                    config.checkpoints().interval(), checkpoints);
        } finally {
            try {
                job.stopWithSavepoint(false, flink.savepointDirectory(), SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            flink.deleteTemporaryFiles();
        }
    }

    /**
     * Each alert against the first event at or after the time it could be raised; alerts after the
     * last event are left out.
     */
    static Percentiles latencies(List<AlertWatcher.Seen> seen, long[] simTimes, long[] scheduled) {
        List<Double> latencies = new ArrayList<>();
        for (AlertWatcher.Seen s : seen) {
            int i = Arrays.binarySearch(simTimes, s.allowedAtMs());
            if (i < 0) {
                i = -i - 1;
            } else {
                while (i > 0 && simTimes[i - 1] == s.allowedAtMs()) {
                    i--;
                }
            }
            if (i < simTimes.length) {
                latencies.add((double) (s.visibleMs() - scheduled[i]));
            }
        }
        return Percentiles.of(latencies);
    }

}
