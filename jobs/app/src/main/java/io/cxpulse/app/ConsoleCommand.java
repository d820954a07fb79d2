package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.console.Console;
import io.cxpulse.console.ConsoleConfig;
import io.cxpulse.console.auth.PasswordHashes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxpulse console}: the web console for supervisors and operations, until stopped. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the web console: the supervisors' live alert feed and the operations page (metrics per queue"
                    + " and team, complaint spikes, supplier shares), read from cx.alerts.v1, cx.metrics.v1,"
                    + " cx.supplier-shares.v1 and cx.alert-actions.v1 (read_committed); actions are written to"
                    + " cx.alert-actions.v1. Prints 'console: http://HOST:PORT/' when ready. Users, teams, roles and"
                    + " the rest come from the console: section of --config (console/README.md). Ctrl-C stops.",
            "--hash-password reads a password from standard input and prints its bcrypt hash for the configuration."
        })
final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: from --config).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration: Kafka, topics, console: section.")
    Path configFile;

    @Option(names = "--port", paramLabel = "N", description = "Port (default: console.port, 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: console.bind, 127.0.0.1: this machine only).")
    String bind;

    @Option(names = "--hash-password", description = "Print the bcrypt hash of a password read from standard input, and exit.")
    boolean hashPassword;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (hashPassword) {
            return hash(out);
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        if (bootstrapServers != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
        }
        ConsoleConfig console = CommandConfig.console(configFile);
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageException("--port must be 0 to 65535");
        }
        console = console.withBind(bind != null ? bind : console.bind(), port != null ? port : console.port());
        Console running = Console.start(config, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                // stopping anyway
            } finally {
                stopped.countDown();
            }
        }, "cxpulse-console-stop"));
        out.println("console: " + running.url());
        stopped.await();
        return 0;
    }

    private static int hash(PrintStream out) throws Exception {
        char[] password;
        java.io.Console terminal = System.console();
        if (terminal != null) {
            password = terminal.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 8 || password.length > 72) {
            throw new UsageException("a password of 8 to 72 characters, please");
        }
        out.println(PasswordHashes.hash(password));
        Arrays.fill(password, '\0');
        return 0;
    }
}
