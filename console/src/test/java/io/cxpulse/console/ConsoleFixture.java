package io.cxpulse.console;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.console.ConsoleConfig.UserEntry;
import io.cxpulse.console.auth.PasswordHashes;
import io.cxpulse.console.logic.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A console on the real in-process broker, on fresh topics, with three users: ana supervises
 * team-blue, bo team-green, olga is operations. Produces records the way the pipeline writes
 * them (single-object encoding, keyed), and talks HTTP to the console as a browser would.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    static final String SESSION_KEY = "a-test-session-key-of-at-least-32-characters";
    private static final String HASH = PasswordHashes.hash(PASSWORD.toCharArray(), 10);

    final EmbeddedKafka kafka;
    final CxPulseConfig config;
    ConsoleConfig consoleConfig;
    Console console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleFixture(EmbeddedKafka kafka) throws Exception {
        this.kafka = kafka;
        TopicsConfig topics = TopicsConfig.CONTRACT.withPrefix(kafka.freshPrefix());
        this.config = CxPulseConfig.defaults().withTopics(topics)
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(kafka.bootstrapServers()));
        kafka.createTopics(2, List.of(topics.alerts(), topics.metrics(), topics.supplierShares(), topics.alertActions()));
        this.consoleConfig = ConsoleConfig.DEFAULTS.withBind("127.0.0.1", 0).withUsers(List.of(
                new UserEntry("ana", HASH, Set.of(Role.SUPERVISOR), Set.of("team-blue")),
                new UserEntry("bo", HASH, Set.of(Role.SUPERVISOR), Set.of("team-green")),
                new UserEntry("olga", HASH, Set.of(Role.OPERATIONS), Set.of())), SESSION_KEY);
    }

    TopicsConfig topics() {
        return config.topics();
    }

    /** Starts the console on {@code port} (0: a free one). */
    Console start(int port) throws Exception {
        console = Console.start(config, consoleConfig.withBind("127.0.0.1", port));
        return console;
    }

    int port() {
        return URI.create(console.url()).getPort();
    }

    void restart() throws Exception {
        int port = port();
        console.close();
        start(port);
    }

    @SafeVarargs
    final <T extends SpecificRecordBase> void produce(String topic, java.util.function.Function<T, String> key,
            T... records) throws Exception {
        List<Map.Entry<byte[], byte[]>> raw = new ArrayList<>();
        for (T r : records) {
            @SuppressWarnings("unchecked")
            SingleObjectCodec<T> codec = SingleObjectCodec.forClass((Class<T>) r.getClass());
            raw.add(new AbstractMap.SimpleEntry<>(key.apply(r).getBytes(StandardCharsets.UTF_8), codec.encode(topic, r)));
        }
        kafka.produce(topic, raw);
    }

    void produceAlerts(io.cxpulse.schema.Alert... alerts) throws Exception {
        produce(topics().alerts(), io.cxpulse.schema.Alert::getAlertId, alerts);
    }

    void produceRaw(String topic, byte[] key, byte[] value) throws Exception {
        kafka.produce(topic, List.of(new AbstractMap.SimpleEntry<>(key, value)));
    }

    /** A signed-in HTTP session: its cookie and CSRF token. */
    record Session(String cookie, String csrf) {}

    Session signIn(String user) throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + user + " answered " + res.statusCode() + " " + res.body());
        }
        String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = res.body().replaceAll(".*\"csrf_token\":\"([^\"]+)\".*", "$1");
        return new Session(cookie, csrf);
    }

    HttpResponse<String> get(Session session, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (session != null) {
            b.header("Cookie", session.cookie());
        }
        return send(b.build());
    }

    HttpResponse<String> post(Session session, String path, String body, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Cookie", session.cookie());
            if (withCsrf) {
                b.header("X-CSRF-Token", session.csrf());
            }
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(console.url()).resolve(path);
    }

    /** An event stream being read in the background: its status and every line so far. */
    static final class Stream implements AutoCloseable {
        final int status;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final InputStream body;
        private final Thread reader;

        Stream(HttpResponse<InputStream> res) {
            this.status = res.statusCode();
            this.body = res.body();
            this.reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // closed by the test
                }
            }, "test-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until some line satisfies {@code until}, polling, or the deadline passes. */
        boolean await(Predicate<String> until, Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                if (lines.stream().anyMatch(until)) {
                    return true;
                }
                synchronized (this) {
                    wait(50);
                }
            }
            return false;
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    Stream stream(Session session, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
        if (session != null) {
            b.header("Cookie", session.cookie());
        }
        return new Stream(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    @Override
    public void close() throws Exception {
        if (console != null) {
            console.close();
        }
    }
}
