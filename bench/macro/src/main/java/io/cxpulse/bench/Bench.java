package io.cxpulse.bench;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.TopicLeaders;
import io.cxpulse.local.TopicSetup;
import io.cxpulse.metrics.MetricsConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code cxpulse bench}: CX Pulse measured against the raw Kafka limit on this machine, as
 * ratios taken in one run. The broker runs in a process of its own; the input topics are filled
 * once with simulated events; then R0 (raw copy), R1 (Flink pass-through), R2 (the production
 * graph) and R3 (the QUEUE and TEAM metric windows as one Flink SQL query, {@link SqlPeer}) run
 * interleaved, R0 R1 R2 R3 R0 R1 R2 R3 ..., so that drift in a shared machine's speed hits them
 * all alike.
 */
public final class Bench {

    /**
     * @param events how many simulated events to pre-load and process per run
     * @param rounds how many times each variant runs (at least 3 for a median and a spread)
     * @param warmUpRounds rounds run first and left out of the figures (JIT, page cache)
     * @param checkpointInterval of every Flink run: exactly-once output is visible when its
     *     checkpoint completes, so this bounds the latency a {@code read_committed} reader sees
     * @param stateBackend of every Flink run: {@code hashmap} (full snapshots) or {@code rocksdb}
     *     (incremental checkpoints)
     * @param latencyRate events/s of the open-loop latency run; 0 for 70% of R2's median
     * @param parts which of "throughput", "latency", "scale", "growth" to run
     * @param growthRun how long the growth run sends traffic
     * @param growthRate events/s of the growth run
     */
    public record Options(long events, int rounds, int warmUpRounds, Duration checkpointInterval,
            String stateBackend, int parallelism,
            int partitions, int customers, long seed, Duration latencyRun, double latencyRate, long scaleEvents,
            Set<String> parts, Path output, Duration growthRun, double growthRate) {}

    static final List<String> VARIANTS = List.of("R0", "R1", "R2", "R3");

    /** The latency run's checkpoint intervals: the one with the lower {@code read_committed} p99 is reported. */
    static final List<Duration> LATENCY_CHECKPOINT_INTERVALS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));

    private final Options options;
    private final PrintStream out;

    public Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public BenchReport run() throws Exception {
        out.printf("bench: %,d events, %d rounds after %d warm-up, parallelism %d, %d partitions per topic, "
                + "checkpoints every %d ms (%s)%n", options.events(), options.rounds(), options.warmUpRounds(),
                options.parallelism(), options.partitions(), options.checkpointInterval().toMillis(),
                options.stateBackend());
        try (BrokerProcess broker = BrokerProcess.start(options.output().resolve("broker.log"))) {
            CxPulseConfig config = config(broker.bootstrapServers(), options.checkpointInterval(),
                    options.stateBackend());
            TopicSetup.ensure(config, options.partitions(), (short) 1);
            createCopyTopics(config);
            createTopics(config, SqlPeer.topics(config));
            List<Measurement> runs = new ArrayList<>();
            Preload.Result loaded = new Preload.Result(0, 0, 0);
            if (options.parts().contains("throughput")) {
                loaded = Preload.run(config, options.events(), options.customers(), options.seed(), true);
                out.printf("pre-loaded %,d events (%,d customers) in %.1f s%n", loaded.events(), loaded.customers(),
                        loaded.seconds());
            }
            int warmUp = options.warmUpRounds();
            for (int round = 1 - warmUp; round <= options.rounds() && options.parts().contains("throughput"); round++) {
                for (String variant : VARIANTS) {
                    Measurement m = measure(variant, round + warmUp, eventsOf(variant, loaded), config, broker);
                    if (round > 0) {
                        runs.add(m);
                    }
                    out.printf("%s %s: %,.0f events/s (%.1f s; CPU %.1f s here, %.1f s broker)%n",
                            round > 0 ? "round " + round : "warm-up", variant, m.eventsPerSecond(), m.seconds(),
                            m.processCpuSeconds(), m.brokerCpuSeconds());
                }
            }
            List<LatencyRun.Result> latencies = new ArrayList<>();
            if (options.parts().contains("latency")) {
                double rate = options.latencyRate() > 0 ? options.latencyRate()
                        : 0.7 * new BenchReport(options, loaded, runs, List.of(), null, null, null)
                                .median("R2", Measurement::eventsPerSecond);
                if (!(rate > 0)) {
                    throw new IllegalArgumentException("the latency run needs R2's throughput or --latency-rate");
                }
                for (Duration interval : LATENCY_CHECKPOINT_INTERVALS) {
                    out.printf("latency: open loop at %,.0f events/s for %d s, checkpoints every %d ms ...%n", rate,
                            options.latencyRun().toSeconds(), interval.toMillis());
                    LatencyRun.Result latency = LatencyRun.run(config.withCheckpoints(
                                    new CheckpointsConfig(interval, null, options.stateBackend())),
                            rate, options.latencyRun(), options.parallelism(), options.partitions(),
                            options.customers(), options.seed());
                    latencies.add(latency);
                    out.printf("latency: %,d events in %.1f s; read_committed p50 %.0f ms p99 %.0f ms; max lag %,d;"
                                    + " %,d checkpoints, p50 %.0f ms, state %,d B%n",
                            latency.sent(), latency.sendSeconds(), latency.committed().p50Ms(),
                            latency.committed().p99Ms(), latency.maxLag(), latency.checkpoints().completed(),
                            latency.checkpoints().durationP50Ms(), latency.checkpoints().latestStateBytes());
                }
            }
            ScaleRun.Result small = null;
            ScaleRun.Result large = null;
            if (options.parts().contains("scale")) {
                small = scale(config, 1_000);
                large = scale(config, 1_000_000);
            }
            GrowthRun.Result growth = null;
            if (options.parts().contains("growth")) {
                out.printf("growth: %,.0f events/s for %d min, state sampled every minute ...%n",
                        options.growthRate(), options.growthRun().toMinutes());
                growth = GrowthRun.run(config, options.growthRate(), options.growthRun(), options.parallelism(),
                        options.partitions(), options.customers(), options.seed());
                out.printf("growth: %,d events; state %,d B after the first minute, %,d B at the end, %,.0f B/min%n",
                        growth.sent(), growth.firstBytes(), growth.lastBytes(), growth.bytesPerMinute());
            }
            return new BenchReport(options, loaded, runs, latencies, small, large, growth);
        }
    }

    private ScaleRun.Result scale(CxPulseConfig config, int customers) throws Exception {
        ScaleRun.Result r = ScaleRun.run(config, options.scaleEvents(), customers, options.parallelism(),
                options.partitions(), options.seed());
        out.printf("scale %,d customers: %,.0f events/s; %,d B of state for %,d active customers%n", customers,
                r.eventsPerSecond(), r.stateBytes(), r.activeCustomers());
        return r;
    }

    private Measurement measure(String variant, int round, long events, CxPulseConfig config, BrokerProcess broker)
            throws Exception {
        double cpu0 = CpuClock.processCpuSeconds();
        double broker0 = broker.cpu().toNanos() / 1e9;
        double seconds = switch (variant) {
            case "R0" -> RawCopy.run(config, events, "bench-r0-" + round);
            case "R1" -> FlinkRuns.passThrough(config, options.parallelism(), "bench-r1-" + round);
            case "R2" -> FlinkRuns.allJobs(config, options.parallelism(), "bench-r2-" + round);
            case "R3" -> SqlPeer.run(config, options.parallelism(), MetricsConfig.DEFAULTS.serviceLevel(),
                    MetricsConfig.DEFAULTS.interactionTimeout(), "bench-r3-" + round);
            default -> throw new IllegalArgumentException(variant);
        };
        return new Measurement(variant, round, events, seconds, CpuClock.processCpuSeconds() - cpu0,
                broker.cpu().toNanos() / 1e9 - broker0);
    }

    /** The events a variant reads: R3 only calls and chats (their JSON copy), the others every input. */
    static long eventsOf(String variant, Preload.Result loaded) {
        return variant.equals("R3") ? loaded.of(SqlPeer.INPUTS) : loaded.events();
    }

    /** Every run's configuration: the given checkpoint interval, inputs read from the start. */
    static CxPulseConfig config(String bootstrap, Duration checkpointInterval, String stateBackend) {
        CxPulseConfig base = CxPulseConfig.defaults();
        SourcesConfig sources = base.sources();
        return base.withKafka(base.kafka().withBootstrapServers(bootstrap))
                .withCheckpoints(new CheckpointsConfig(checkpointInterval, null, stateBackend))
                .withSources(sources.with(Duration.ofSeconds(10), SourcesConfig.StartingOffsets.EARLIEST));
    }

    private void createTopics(CxPulseConfig config, List<String> names) throws Exception {
        Properties admin = new Properties();
        admin.putAll(config.kafka().clientProperties());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get();
            List<NewTopic> topics = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, options.partitions(), (short) 1)).toList();
            client.createTopics(topics).all().get();
            TopicLeaders.await(client, topics.stream().map(NewTopic::name).toList());
        }
    }

    private void createCopyTopics(CxPulseConfig config) throws Exception {
        Properties admin = new Properties();
        admin.putAll(config.kafka().clientProperties());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            for (InputTopic<?> input : InputTopic.ALL) {
                for (String prefix : List.of(RawCopy.PREFIX, FlinkRuns.R1_PREFIX)) {
                    String name = prefix + config.topics().of(input);
                    if (!existing.contains(name)) {
                        topics.add(new NewTopic(name, options.partitions(), (short) 1));
                    }
                }
            }
            client.createTopics(topics).all().get();
            TopicLeaders.await(client, topics.stream().map(NewTopic::name).toList());
        }
    }
}
