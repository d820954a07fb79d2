package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.bench.Bench;
import io.cxpulse.bench.BenchReport;
import io.cxpulse.common.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxpulse bench}: throughput against the raw Kafka limit, on this machine, as ratios. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker in a process of its own, fills the input topics with simulated events, and"
                    + " measures interleaved: R0, a plain Kafka consume-produce copy (the limit); R1, a Flink"
                    + " pass-through (decode, validate, encode, exactly-once sink); R2, the production graph; R3,"
                    + " the QUEUE and TEAM metric windows as one Flink SQL query. Then latency at 70%% of R2 with"
                    + " checkpoints every 500 ms and every 1 s, state at 1 K and 1 M customers, and state growth"
                    + " under steady traffic. Writes bench.md and bench.json to --output and prints a one-line"
                    + " summary last."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", description = "Events to pre-load (default 2,000,000; --quick 200,000).")
    Long events;

    @Option(names = "--quick", description = "A smaller run (about three minutes).")
    boolean quick;

    @Option(names = "--rounds", defaultValue = "3", description = "Runs of each variant, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "1", paramLabel = "ROUNDS",
            description = "Rounds run first and left out of the figures (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--checkpoint-interval", defaultValue = "2s", paramLabel = "DURATION",
            description = "Checkpoint interval of every Flink run, e.g. 500ms or 2s: exactly-once output becomes"
                    + " visible when its checkpoint completes (default: ${DEFAULT-VALUE}, as the demo).")
    String checkpointIntervalText;

    @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "BACKEND",
            description = "State backend of every Flink run: hashmap (full snapshots, as the demo) or rocksdb"
                    + " (incremental checkpoints) (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--customers", defaultValue = "50000", description = "Distinct simulated customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--parts", split = ",", defaultValue = "throughput,latency,scale,growth",
            description = "Which parts to run: throughput, latency, scale, growth (default: all).")
    Set<String> parts;

    @Option(names = "--growth-duration", paramLabel = "DURATION",
            description = "How long the growth part sends traffic (default 30m; --quick 2m).")
    String growthDurationText;

    @Option(names = "--growth-rate", defaultValue = "5000", paramLabel = "EVENTS_PER_S",
            description = "Steady rate of the growth part (default: ${DEFAULT-VALUE}).")
    double growthRate;

    @Option(names = "--latency-rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
            description = "Rate of the open-loop latency run (default: 70%% of R2's median).")
    double latencyRate;

    @Option(names = "--output", defaultValue = "target/bench", paramLabel = "DIR",
            description = "Where bench.md and bench.json go (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        long n = events != null ? events : quick ? 200_000 : 2_000_000;
        Duration checkpointInterval;
        try {
            checkpointInterval = ConfigLoader.parseDuration(checkpointIntervalText);
        } catch (RuntimeException e) {
            throw new UsageException("--checkpoint-interval: not a duration: " + checkpointIntervalText);
        }
        Duration growthDuration;
        try {
            growthDuration = ConfigLoader.parseDuration(
                    growthDurationText != null ? growthDurationText : quick ? "2m" : "30m");
        } catch (RuntimeException e) {
            throw new UsageException("--growth-duration: not a duration: " + growthDurationText);
        }
        if (growthDuration.toMinutes() < 1 || !(growthRate > 0)) {
            throw new UsageException("--growth-duration must be at least 1m and --growth-rate positive");
        }
        if (n < 1000 || rounds < 1 || warmUp < 0 || parallelism < 1 || partitions < 1 || customers < 1
                || checkpointInterval.toMillis() < 100) {
            throw new UsageException("--events must be at least 1000; --rounds, --parallelism, --partitions and"
                    + " --customers at least 1; --warm-up at least 0; --checkpoint-interval at least 100ms");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!Set.of("throughput", "latency", "scale", "growth").containsAll(parts)) {
            throw new UsageException("--parts takes throughput, latency, scale and growth");
        }
        if (!Set.of("hashmap", "rocksdb").contains(stateBackend)) {
            throw new UsageException("--state-backend takes hashmap or rocksdb");
        }
        BenchReport report = new Bench(new Bench.Options(n, rounds, warmUp, checkpointInterval, stateBackend,
                parallelism, partitions, customers, 1,
                Duration.ofSeconds(quick ? 20 : 60), latencyRate, quick ? 100_000 : 500_000, parts, output, growthDuration, growthRate), out)
                .run();
        report.write(output);
        out.println();
        out.print(report.markdown().replace(report.summary() + "\n", ""));
        out.println("report: " + output.resolve("bench.md") + ", " + output.resolve("bench.json"));
        out.println(report.summary());
        return 0;
    }
}
