package io.cxpulse.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry for tests: Apicurio Registry (from Maven Central, unpacked by the
 * build into {@code target/apicurio}) started as a child {@code java} process on a free
 * loopback port, with in-memory storage, serving the Confluent-compatible API. Started once per
 * test class and stopped after it:
 *
 * <pre>{@code
 * @RegisterExtension static final ApicurioRegistry REGISTRY = new ApicurioRegistry();
 * ...
 * SchemaRegistryConfig.of(REGISTRY.ccompatUrl())
 * }</pre>
 *
 * <p>The registry binds to 127.0.0.1 only. Start-up is awaited by polling the ccompat API
 * until it answers (4 s or so), and the measured time is logged. The child's output goes to
 * {@code target/apicurio-<TestClass>.log}. Where the unpacked registry lives is the system
 * property {@value #HOME_PROPERTY} (set by the module's surefire configuration), else
 * {@code target/apicurio} under the working directory; a module that uses this class from the
 * test-jar needs the same {@code maven-dependency-plugin} unpack execution as
 * {@code jobs/common}.
 */
public final class ApicurioRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

    /** System property naming the directory that holds the unpacked Apicurio runner. */
    public static final String HOME_PROPERTY = "cxpulse.apicurio.home";

    /** Path of the Confluent-compatible API under the registry's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path home;
    private final String heap;

    private Process process;
    private Thread shutdownHook;
    private int port;
    private Duration startupTime;
    private Path logFile;

    /** The registry in {@value #HOME_PROPERTY}, or {@code target/apicurio}, with a 512 MiB heap. */
    public ApicurioRegistry() {
        this(Path.of(System.getProperty(HOME_PROPERTY, "target/apicurio")), "512m");
    }

    public ApicurioRegistry(Path home, String heap) {
        this.home = home.toAbsolutePath();
        this.heap = heap;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getTestClass().map(Class::getSimpleName).orElse("tests"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Starts the registry unless it is running, and waits until its ccompat API answers.
     *
     * @param name names the log file, {@code target/apicurio-<name>.log}
     */
    public synchronized void start(String name) throws IOException, InterruptedException {
        if (process != null) {
            return;
        }
        Path runner = runnerJar();
        logFile = Path.of("target", "apicurio-" + name + ".log").toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(logFile);
        long started = System.nanoTime();
        IllegalStateException failure = null;
        // The free port is found by binding and releasing it, so another process may take it in
        // between; a start that fails is retried on a new port.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = freeLoopbackPort();
            process = launch(runner);
            try {
                awaitReady();
                failure = null;
                break;
            } catch (IllegalStateException e) {
                failure = e;
                stopProcess();
            }
        }
        if (failure != null) {
            throw failure;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        Process running = process;
        shutdownHook = new Thread(() -> destroyTree(running), "apicurio-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Apicurio Registry at {} started in {} ms (log: {})", ccompatUrl(), startupTime.toMillis(), logFile);
    }

    /** The base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:40123/apis/ccompat/v7}. */
    public String ccompatUrl() {
        requireStarted();
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    /** How long the last start took, from launching the process to the first answer of the API. */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /** Stops the registry and every process it started. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook runs anyway.
            }
            shutdownHook = null;
        }
    }

    private Path runnerJar() throws IOException {
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException("No unpacked Apicurio Registry at " + home.toAbsolutePath()
                    + ": run the build's generate-test-resources phase (maven-dependency-plugin unpack of"
                    + " io.apicurio:apicurio-registry-app:tar.gz:all) or set -D" + HOME_PROPERTY);
        }
        List<Path> runners = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home, "*-runner.jar")) {
            jars.forEach(runners::add);
        }
        if (runners.size() != 1) {
            throw new IllegalStateException("Expected one *-runner.jar in " + home.toAbsolutePath() + ", found " + runners);
        }
        return runners.get(0);
    }

    private Process launch(Path runner) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx" + heap,
                "-XX:TieredStopAtLevel=1",
                // Listen on loopback only; nothing else on the machine or beyond may reach it.
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // In-memory storage (these are Apicurio's defaults, spelled out): an H2 database
                // in memory, gone with the process.
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                "-jar", runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Options meant for the test JVM (agents, add-opens) must not leak into the registry's.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return builder.start();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CCOMPAT_PATH + "/subjects"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it answered; see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            // Polling interval, not a wait for a result: the deadline bounds the loop.
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("Apicurio Registry did not answer within " + STARTUP_DEADLINE + "; see " + logFile);
    }

    private void stopProcess() {
        Process stopping = process;
        process = null;
        if (stopping != null) {
            destroyTree(stopping);
        }
    }

    /** Asks the process and its descendants to stop, and kills what is still alive after a grace period. */
    private static void destroyTree(Process root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception stillAlive) {
                // Falls through to destroyForcibly below.
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    private void requireStarted() {
        if (process == null || startupTime == null) {
            throw new IllegalStateException("ApicurioRegistry is not started: register it with @RegisterExtension");
        }
    }
}
