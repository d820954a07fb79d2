package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.console.auth.PasswordHashes;
import io.cxpulse.local.LocalBroker;
import io.cxpulse.local.TopicSetup;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code cxpulse console-bench}: the web console under load. A broker in this process, the
 * console in a JVM of its own (so its CPU and heap are its own), {@code streams} signed-in event
 * streams that each see every alert (the heaviest case: a manager's feed), and alerts written at
 * {@code rate} a second (new episodes and updates of recent ones). Each alert carries its
 * sequence number in its summary; the latency of an alert in a stream is from the broker's
 * acknowledgement of the write (the record is then committed and readable) to the moment the
 * stream's reader has the event's line. A warm-up is left out. Not a test: a measurement, run by
 * hand, with figures in bench/RESULTS.md.
 */
public final class ConsoleBench {

    /**
     * The run's shape.
     *
     * @param commandLine the command line's main class: the console is started as its {@code console} command
     */
    public record Options(int streams, int rate, Duration duration, Duration warmUp, String consoleHeap, Path output,
            String commandLine) {}

    private static final Pattern SEQUENCE = Pattern.compile("bench #(\\d+)");

    private final Options options;
    private final PrintStream out;

    public ConsoleBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        Files.createDirectories(options.output());
        int total = (int) ((options.warmUp().toSeconds() + options.duration().toSeconds()) * options.rate());
        int firstMeasured = (int) (options.warmUp().toSeconds() * options.rate());
        long[] ackNanos = new long[total];
        out.println("console-bench: starting a Kafka broker ...");
        try (LocalBroker broker = LocalBroker.start()) {
            CxPulseConfig config = CxPulseConfig.defaults()
                    .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(broker.bootstrapServers()));
            TopicSetup.ensure(config, 2, (short) 1);
            String password = HexFormat.of().formatHex(random(12));
            Path yaml = options.output().resolve("console-bench.yaml");
            Files.writeString(yaml, "console:\n  session-key: " + HexFormat.of().formatHex(random(24)) + "\n"
                    + "  users:\n    - name: manager\n      password-hash: \""
                    + PasswordHashes.hash(password.toCharArray(), 10) + "\"\n      roles: [ADMIN]\n");
            Process console = startConsole(broker.bootstrapServers(), yaml);
            try {
                String url = awaitUrl(console);
                out.println("console-bench: console at " + url + "; opening " + options.streams() + " streams");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String cookie = signIn(http, url, password);
                List<StreamReader> readers = new ArrayList<>();
                for (int i = 0; i < options.streams(); i++) {
                    readers.add(new StreamReader(http, url, cookie, total));
                }
                for (StreamReader r : readers) {
                    r.awaitSnapshot(Duration.ofSeconds(60));
                }
                Status before = status(http, url, cookie);
                Instant sendStart = Instant.now();
                CpuSample cpuStart = new CpuSample(console);
                List<Status> samples = new ArrayList<>();
                produce(config, total, firstMeasured, ackNanos, () -> samples.add(status(http, url, cookie)));
                long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < drainUntil && readers.stream().anyMatch(r -> r.received(firstMeasured, total)
                        < total - firstMeasured)) {
                    TimeUnit.MILLISECONDS.sleep(100); // waiting for the tail, with a deadline
                }
                CpuSample cpuEnd = new CpuSample(console);
                Status after = status(http, url, cookie);
                readers.forEach(StreamReader::close);
                report(readers, ackNanos, firstMeasured, total, cpuStart, cpuEnd, before, after, samples,
                        Duration.between(sendStart, Instant.now()));
            } finally {
                console.destroy();
                if (!console.waitFor(20, TimeUnit.SECONDS)) {
                    console.destroyForcibly();
                }
            }
        }
    }

    private Process startConsole(String bootstrap, Path yaml) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-Xmx" + options.consoleHeap(), "-cp",
                        System.getProperty("java.class.path"), options.commandLine(), "console",
                        "--bootstrap-servers", bootstrap, "--config", yaml.toString(), "--port", "0"))
                .redirectError(ProcessBuilder.Redirect.to(options.output().resolve("console-bench-console.log").toFile()))
                .start();
    }

    private static String awaitUrl(Process console) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("console: ")) {
                        return line.substring("console: ".length()).trim();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            return null;
        });
        String found = url.get(120, TimeUnit.SECONDS);
        if (found == null) {
            throw new IOException("the console process ended before it was ready (see its log)");
        }
        return found;
    }

    private static String signIn(HttpClient http, String url, String password) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"manager\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("sign-in failed: " + res.statusCode());
        }
        String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Writes {@code total} alerts at the rate, recording when the broker acknowledged each. */
    private void produce(CxPulseConfig config, int total, int firstMeasured, long[] ackNanos, Runnable sample)
            throws Exception {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        SingleObjectCodec<Alert> codec = SingleObjectCodec.forClass(Alert.class);
        String topic = config.topics().alerts();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(sample, 1, 1, TimeUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long every = 1_000_000_000L / options.rate();
            for (int seq = 0; seq < total; seq++) {
                long due = start + seq * every;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the open loop
                }
                Alert alert = alert(seq);
                int s = seq;
                producer.send(new ProducerRecord<>(topic, alert.getAlertId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(topic, alert)), (meta, e) -> ackNanos[s] = e == null ? System.nanoTime() : -1);
                if (seq == firstMeasured) {
                    out.println("console-bench: warm-up done, measuring " + options.duration().toSeconds() + " s");
                }
            }
            producer.flush();
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Seven in ten alerts open an episode; the rest update one of the last hundred. */
    static Alert alert(int seq) {
        boolean update = seq % 10 >= 7 && seq > 100;
        int episode = update ? seq - 1 - (seq * 31 % 100) : seq;
        Instant now = Instant.now();
        return Alert.newBuilder()
                .setAlertId("bench-" + episode)
                .setKind(AlertKind.POOR_EXPERIENCE)
                .setStatus(update ? AlertStatus.UPDATE : AlertStatus.OPEN)
                .setSeverity(seq % 5 == 0 ? Severity.HIGH : Severity.MEDIUM)
                .setSubjectType(SubjectType.CUSTOMER)
                .setSubjectId("C" + (100_000 + episode))
                .setTeamId("team-" + (episode % 4))
                .setCustomerId("C" + (100_000 + episode))
                .setSummary("Customer C" + (100_000 + episode) + " rated CSAT 1 after a 9 min wait (bench #" + seq + ")")
                .setReasons(List.of("csat=1", "wait_s=540"))
                .setEvidence(Map.of("csat", 1.0, "wait_s", 540.0))
                .setEventTime(now)
                .setDetectedAt(now)
                .build();
    }

    /** One browser's stream: the arrival time of each alert, by sequence number. */
    private static final class StreamReader {
        private final long[] arrivals;
        private final InputStream body;
        private final Thread thread;
        private volatile boolean snapshot;

        StreamReader(HttpClient http, String url, String cookie, int total) throws Exception {
            this.arrivals = new long[total];
            HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(url + "api/stream"))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                throw new IOException("stream refused: " + res.statusCode());
            }
            this.body = res.body();
            this.thread = new Thread(this::read, "console-bench-stream");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line; (line = in.readLine()) != null; ) {
                    long at = System.nanoTime();
                    if (line.startsWith("event: snapshot")) {
                        snapshot = true;
                    } else if (line.startsWith("data: ")) {
                        Matcher m = SEQUENCE.matcher(line);
                        if (m.find()) {
                            int seq = Integer.parseInt(m.group(1));
                            if (seq < arrivals.length && arrivals[seq] == 0) {
                                arrivals[seq] = at;
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException closed) {
                // closed at the end
            }
        }

        void awaitSnapshot(Duration deadline) throws InterruptedException, IOException {
            long end = System.nanoTime() + deadline.toNanos();
            while (!snapshot) {
                if (System.nanoTime() > end) {
                    throw new IOException("a stream had no snapshot in " + deadline);
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }

        int received(int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n += arrivals[i] != 0 ? 1 : 0;
            }
            return n;
        }

        void close() {
            try {
                body.close();
            } catch (IOException e) {
                // gone
            }
        }
    }

    private record Status(long heapUsed, long heapCommitted, double cpuSeconds, long eventsSent, long slowDisconnects) {}

    private static Status status(HttpClient http, String url, String cookie) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "api/status")).header("Cookie", cookie)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return new Status(number(body, "heap_used_bytes").longValue(), number(body, "heap_committed_bytes").longValue(),
                    number(body, "process_cpu_seconds").doubleValue(), number(body, "stream_events_sent").longValue(),
                    number(body, "stream_clients_disconnected_slow").longValue());
        } catch (IOException | InterruptedException e) {
            return new Status(0, 0, 0, 0, 0);
        }
    }

    private static Number number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":([0-9.Ee+-]+)").matcher(json);
        return m.find() ? Double.valueOf(m.group(1)) : 0;
    }

    private record CpuSample(long nanos, Duration cpu) {
        CpuSample(Process p) {
            this(System.nanoTime(), p.toHandle().info().totalCpuDuration().orElse(Duration.ZERO));
        }
    }

    private void report(List<StreamReader> readers, long[] ackNanos, int first, int total, CpuSample cpuStart,
            CpuSample cpuEnd, Status before, Status after, List<Status> samples, Duration sending) throws IOException {
        long[] latencies = new long[readers.size() * (total - first)];
        int n = 0;
        long missing = 0;
        long unacknowledged = 0;
        for (int seq = first; seq < total; seq++) {
            if (ackNanos[seq] <= 0) {
                unacknowledged++;
            }
        }
        for (StreamReader r : readers) {
            for (int seq = first; seq < total; seq++) {
                if (ackNanos[seq] <= 0) {
                    continue;
                }
                if (r.arrivals[seq] == 0) {
                    missing++;
                } else {
                    latencies[n++] = Math.max(0, r.arrivals[seq] - ackNanos[seq]);
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double wall = (cpuEnd.nanos() - cpuStart.nanos()) / 1e9;
        double cores = (cpuEnd.cpu().toNanos() - cpuStart.cpu().toNanos()) / 1e9 / wall;
        long heapMax = samples.stream().mapToLong(Status::heapUsed).max().orElse(after.heapUsed());
        long committedMax = samples.stream().mapToLong(Status::heapCommitted).max().orElse(after.heapCommitted());
        double eventsPerSecond = (after.eventsSent() - before.eventsSent()) / wall;
        String summary = String.format(Locale.ROOT,
                "console-bench: streams=%d rate=%d/s p50_ms=%.1f p99_ms=%.1f max_ms=%.1f missing=%d cpu_cores=%.2f"
                        + " heap_used_max_mb=%.0f", readers.size(), options.rate(), ms(sorted, 0.50), ms(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, missing, cores, heapMax / 1048576.0);
        String md = String.format(Locale.ROOT, """
                # console-bench

                %d event streams (each a manager's feed: every alert), %d alerts/s for %d s after a %d s warm-up
                (%d measured alerts, 7 in 10 new episodes, 3 in 10 updates), console JVM -Xmx%s.

                | figure | value |
                |---|---|
                | commit → arrival in a stream, p50 | %.1f ms |
                | p90 | %.1f ms |
                | p99 | %.1f ms |
                | max | %.1f ms |
                | arrivals measured | %d |
                | missing (alert never reached a stream) | %d |
                | writes not acknowledged | %d |
                | console CPU | %.2f cores (%.1f CPU-s over %.1f s) |
                | console heap used, max sampled each second | %.0f MB (committed up to %.0f MB) |
                | stream events sent per second | %.0f |
                | streams cut for falling behind | %d |

                """, readers.size(), options.rate(), options.duration().toSeconds(), options.warmUp().toSeconds(),
                total - first, options.consoleHeap(), ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, n, missing, unacknowledged, cores,
                (cpuEnd.cpu().toNanos() - cpuStart.cpu().toNanos()) / 1e9, wall, heapMax / 1048576.0,
                committedMax / 1048576.0, eventsPerSecond, after.slowDisconnects() - before.slowDisconnects());
        Files.writeString(options.output().resolve("console-bench.md"), md + summary + "\n");
        out.print(md);
        out.println(summary);
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
