package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every embedded Flink the command line starts ({@code run}, {@code demo}, {@code replay},
 * {@code bench}), each in a process of its own as a user starts it: while it runs, nothing it
 * (or a process it started: the demo's and the benchmark's Kafka broker) listens on is reachable
 * from another host, and its REST endpoint refuses to take a jar ({@code POST /jars/upload}):
 * anyone who reached the port could otherwise run code inside the process. The web UI offers no
 * cancellation either ({@code web.cancel.enable}); Flink's REST API itself has no switch for
 * that, which is one more reason it listens on loopback only.
 */
class EmbeddedFlinkSecurityITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void runListensOnLoopbackOnlyAndRefusesJars() throws Exception {
        check(List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers()));
    }

    @Test
    void demoListensOnLoopbackOnlyAndRefusesJars() throws Exception {
        check(List.of("demo", "--duration", "90", "--no-color"));
    }

    @Test
    void replayListensOnLoopbackOnlyAndRefusesJars() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            calls.add("{\"event_id\":\"e" + i + "\",\"call_id\":\"c" + i + "\",\"type\":\"QUEUED\",\"event_time\":"
                    + (1_763_600_000_000L + i * 1000L) + ",\"customer_id\":\"C" + (i % 5000) + "\",\"queue\":\"q\"}");
        }
        Files.write(input.resolve("calls.jsonl"), calls);
        check(List.of("replay", "--input", input.toString(), "--output", dir.resolve("out").toString()));
    }

    @Test
    void benchListensOnLoopbackOnlyAndRefusesJars() throws Exception {
        check(List.of("bench", "--events", "60000", "--rounds", "1", "--warm-up", "0", "--parts", "throughput",
                "--output", dir.resolve("bench").toString()));
    }

    /**
     * Starts the command, watches its sockets until its Flink REST endpoint answers, probes it,
     * and asserts every socket seen meanwhile listens on loopback only.
     */
    private void check(List<String> command) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), CxPulse.class.getName()));
        args.addAll(command);
        Path log = dir.resolve("process-" + UUID.randomUUID() + ".log");
        Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Set<InetSocketAddress> seen = new HashSet<>();
        Integer rest = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (rest == null && process.isAlive() && System.nanoTime() < deadline) {
                seen.addAll(ListeningSockets.of(process.toHandle()));
                rest = flinkRestPort(seen);
                if (rest == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(rest).as("a Flink REST endpoint while %s ran; its output:%n%s", command.get(0),
                    Files.readString(log)).isNotNull();

            HttpResponse<String> upload = HTTP.send(uploadRequest(rest), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as("POST /jars/upload: %s", upload.body()).isBetween(400, 499);
            assertThat(upload.body()).doesNotContain("success");
            String features = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest + "/config"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(features).contains("\"web-submit\":false", "\"web-cancel\":false");
            for (int i = 0; i < 10 && process.isAlive(); i++) {
                seen.addAll(ListeningSockets.of(process.toHandle()));
                Thread.sleep(200);
            }
        } finally {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(seen).as("listening sockets of %s", command.get(0)).isNotEmpty()
                .allSatisfy(a -> assertThat(ListeningSockets.isLoopback(a)).as("%s is loopback", a).isTrue());
    }

    private static Integer flinkRestPort(Set<InetSocketAddress> sockets) {
        for (InetSocketAddress socket : sockets) {
            try {
                HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + socket.getPort() + "/config"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (config.statusCode() == 200 && config.body().contains("flink-version")) {
                    return socket.getPort();
                }
            } catch (IOException notHttp) {
                // a Kafka, RPC or blob port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static HttpRequest uploadRequest(int port) {
        String boundary = "cxpulse" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"evil.jar\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n"
                + "PK\u0005\u0006" + "\0".repeat(18) + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build();
    }
}
