package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.bench.BrokerProcess;
import io.cxpulse.cluster.Chaos;
import io.cxpulse.cluster.FlinkCluster;
import io.cxpulse.cluster.OutputOracle;
import io.cxpulse.pipeline.Pipelines;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse chaos}: exactly-once through TaskManager crashes on a real cluster, against a replay. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Flink standalone cluster (a JobManager and TaskManagers as separate processes, on loopback)"
                    + " and a Kafka broker in a process of its own (or uses --bootstrap-servers), submits the job"
                    + " jar, sends simulated traffic with undecodable records among it, kills a TaskManager with"
                    + " SIGKILL every 20-40 s and starts a new one, stops and restarts the job from a savepoint"
                    + " midway, then drains it.",
            "Compares every committed alert, final metric and supplier share with a replay of the same events, and"
                    + " checks every undecodable record is one dead letter. Ends with"
                    + " `chaos: kills=N restarts=R committed=C missing=M duplicates=D extra=E`; exit code 1 if any"
                    + " of M, D, E is not 0."
        })
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "10", description = "TaskManagers to kill (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster (topics chaos-<id>.* are created) instead of starting a broker.")
    String bootstrapServers;

    @Option(names = "--seed", defaultValue = "1", description = "Simulation and kill-timing seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-interval", defaultValue = "20", paramLabel = "SECONDS",
            description = "Shortest time between two kills (default: ${DEFAULT-VALUE}).")
    int minInterval;

    @Option(names = "--max-interval", defaultValue = "40", paramLabel = "SECONDS",
            description = "Longest time between two kills (default: ${DEFAULT-VALUE}).")
    int maxInterval;

    @Option(names = "--upgrades", defaultValue = "1",
            description = "Stops with a savepoint and restarts from it, midway (0 or 1; default: ${DEFAULT-VALUE}).")
    int upgrades;

    @Option(names = "--acceleration", defaultValue = "90",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Job parallelism, one TaskManager (one slot) each (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Working directory: the cluster's logs, checkpoints, the replay (default: a new temporary one).")
    Path directory;

    @Override
    public Integer call() throws Exception {
        if (kills < 1 || minInterval < 1 || maxInterval < minInterval || parallelism < 1 || upgrades < 0) {
            throw new UsageException("--kills and --parallelism must be at least 1, 1 <= --min-interval <= --max-interval");
        }
        FlinkCluster.Distribution distribution;
        try {
            distribution = FlinkCluster.Distribution.fromSystemProperties();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        Path dir = directory != null ? Files.createDirectories(directory) : Files.createTempDirectory("cxpulse-chaos-");
        PrintWriter out = spec.commandLine().getOut();
        out.println("chaos: working in " + dir);
        out.flush();
        Chaos.Options options = new Chaos.Options(kills, Duration.ofSeconds(minInterval),
                Duration.ofSeconds(maxInterval), Math.min(upgrades, 1), seed, acceleration, parallelism, 500);
        BrokerProcess broker = null;
        try {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                broker = BrokerProcess.start(dir.resolve("broker.log"));
                bootstrap = broker.bootstrapServers();
                out.println("chaos: Kafka broker (its own process) at " + bootstrap);
            }
            Chaos.Result result = run(options, distribution, dir, bootstrap, out);
            report(result, out);
            return result.missing() == 0 && result.duplicates() == 0 && result.extra() == 0 ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    public static Chaos.Result run(Chaos.Options options, FlinkCluster.Distribution distribution, Path dir, String bootstrap,
            PrintWriter out) throws Exception {
        Chaos chaos = new Chaos(options, distribution, dir, bootstrap,
                (config, input, output) -> new Replay(config, Pipelines.JobConfigs.DEFAULTS, input, output,
                        options.parallelism()).run(),
                line -> {
                    out.println("chaos: " + line);
                    out.flush();
                });
        return chaos.run();
    }

    public static void report(Chaos.Result result, PrintWriter out) {
        for (OutputOracle.Comparison c : result.comparisons()) {
            out.printf("  %-16s expected %7d committed %7d missing %d duplicates %d extra %d%n", c.output(),
                    c.expected(), c.committed(), c.missing(), c.duplicates(), c.extra());
            c.examples().forEach(e -> out.println("    " + e));
        }
        OutputOracle.Comparison strict = result.strictMetrics();
        out.printf("  (metrics with csat_shrunk_pct compared too: missing %d extra %d)%n", strict.missing(), strict.extra());
        List<Long> ms = result.recoveries().stream().map(Duration::toMillis).sorted().toList();
        out.printf("  restart cost (kill to committed output flowing again): median %.1f s, max %.1f s over %d kills%s%n",
                ms.get(ms.size() / 2) / 1000.0, ms.get(ms.size() - 1) / 1000.0, ms.size(),
                result.upgrade() == null ? "" : String.format("; savepoint upgrade %.1f s", result.upgrade().toMillis() / 1000.0));
        if (result.upgrade() != null) {
            Chaos.Continuity c = result.continuity();
            out.printf("  across the savepoint upgrade: %d of %d open alert episodes resolved by the new job; %d metric"
                    + " windows open at the stop closed by it%n", c.episodesResolvedAfter(), c.openEpisodes(),
                    c.windowsAcross());
        }
        out.printf("  %d events and %d undecodable records in; %d events too late for their window (LATE, not compared);"
                + " run time %d s%n", result.events(), result.injected(), result.late(), result.runTime().toSeconds());
        out.println(result.lastLine());
        out.flush();
    }
}
