package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.local.Ansi;
import io.cxpulse.local.Demo;
import io.cxpulse.pipeline.Pipelines;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cxpulse demo}: the whole pipeline live on an embedded broker with simulated traffic. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker (KRaft) on free local ports (or uses --bootstrap-servers), creates the topics,"
                    + " runs the experience, complaints and metrics jobs on a local Flink cluster (web UI link"
                    + " printed) and feeds them simulated calls, chats, surveys, shipments and complaints with"
                    + " scripted incidents, accelerated so that every incident shows within two minutes.",
            "Shows alerts as they arrive, the live metrics per queue and a status line. Ctrl-C stops everything;"
                    + " --duration ends it by itself."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until Ctrl-C).")
    Long durationSeconds;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting one (topics are created when missing).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (Kafka security, thresholds).")
    Path configFile;

    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-color", description = "Plain text, even on a colour terminal.")
    boolean noColor;

    @Option(names = "--all-alerts",
            description = "Show every customer alert; by default the feed shows a few newly opened HIGH ones between tables.")
    boolean allAlerts;

    @Override
    public Integer call() throws Exception {
        if (durationSeconds != null && durationSeconds < 1) {
            throw new UsageException("--duration must be at least 1 second");
        }
        if (parallelism < 1) {
            throw new UsageException("--parallelism must be at least 1");
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        Pipelines.JobConfigs jobs = CommandConfig.jobs(configFile);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Demo demo = new Demo(config, jobs,
                new Demo.Options(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds), bootstrapServers,
                        parallelism, 2, Duration.ofSeconds(10), noColor ? new Ansi(false) : Ansi.detect(), allAlerts),
                DemoTrafficFactory.simulated(seed), out);
        Thread hook = new Thread(() -> {
            try {
                demo.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cxpulse-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        demo.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is what ended the run
        }
        return 0;
    }
}
