package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.bench.ConsoleBench;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxpulse console-bench}: the web console under load, from commit to a browser's stream. */
@Command(
        name = "console-bench",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker (KRaft) in this process and the web console in a process of its own, opens"
                    + " --streams event streams (each a signed-in browser's feed, every one seeing every alert), and"
                    + " writes --rate alerts a second to cx.alerts.v1. Reports the time from each alert's commit"
                    + " (the broker's acknowledgement) to its arrival in every stream (p50, p99, max), alerts missing"
                    + " from a stream, and the console process's CPU and heap. Writes console-bench.md to --output."
        })
final class ConsoleBenchCommand implements Callable<Integer> {

    @Option(names = "--streams", defaultValue = "200", description = "Open event streams (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--rate", defaultValue = "100", description = "Alerts per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
            description = "Measured seconds, after a 10 s warm-up (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--console-heap", defaultValue = "512m", paramLabel = "SIZE",
            description = "The console process's -Xmx (default: ${DEFAULT-VALUE}).")
    String consoleHeap;

    @Option(names = "--output", defaultValue = "target/bench", paramLabel = "DIR",
            description = "Where console-bench.md goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (streams < 1 || rate < 1 || durationSeconds < 1) {
            throw new UsageException("--streams, --rate and --duration must be at least 1");
        }
        if (!consoleHeap.matches("\\d+[kmgKMG]?")) {
            throw new UsageException("--console-heap: a size such as 512m");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new ConsoleBench(new ConsoleBench.Options(streams, rate, Duration.ofSeconds(durationSeconds),
                Duration.ofSeconds(10), consoleHeap, output, CxPulse.class.getName()), out).run();
        return 0;
    }
}
