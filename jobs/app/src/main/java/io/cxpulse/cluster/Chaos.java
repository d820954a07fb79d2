package io.cxpulse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.bench.ConsumerLag;
import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.deadletter.DeadLetterHeaders;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.local.TopicSetup;
import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.simulate.DirectorySink;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.SimEvent;
import io.cxpulse.simulate.Simulation;
import io.cxpulse.simulate.TrafficGenerator;
import io.cxpulse.simulate.TrafficSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Exactly-once through crashes, checked against an oracle. On a {@link FlinkCluster} (a
 * JobManager, one TaskManager per parallel slice, separate JVMs) the job jar runs against Kafka;
 * simulated traffic with its incidents flows in, with an undecodable record among every few
 * hundred; every 20–40 s (configurable) one TaskManager is killed with SIGKILL and a new one
 * started; midway the job is stopped with a savepoint and started again from it, as an upgrade
 * is. After the last kill the traffic ends, the job catches up, and it is stopped with
 * {@code --drain}: event time runs to its end, closing every window and firing every timer, as
 * the end of a replay does.
 *
 * <p>Then the oracle: every alert, final metric and supplier share read back
 * {@code read_committed} is compared with a replay ({@code cxpulse replay}, the same topology
 * on a MiniCluster) of exactly the events that were sent ({@link OutputOracle}: missing,
 * duplicated, extra), and every undecodable record must be on the dead-letter topic exactly once.
 * What the upgrade carried over is counted too ({@link Continuity}): alert episodes and metric
 * windows open when the old job stopped that the new job finished. The alerts of customers who
 * had a call or chat still open when the traffic ended are left out
 * ({@link #customersWithInteractionsOpen}: where the traffic is cut, live and replay differ by
 * design).
 * Left out by design ({@link OutputOracle}): {@code detected_at}, early metric updates, AGENT
 * records' {@code csat_shrunk_pct}, and dead letters of events too late for their window ({@code LATE}: which events are late depends on how the partitions'
 * reads interleave, which a replay of files does not reproduce; they are counted).
 */
public final class Chaos {

    private static final String GARBAGE_KEY = "chaos-garbage-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param upgrades how many times the job is stopped with a savepoint and started from it
     * @param deadLetterEvery an undecodable record among this many events
     */
    public record Options(int kills, Duration minInterval, Duration maxInterval, int upgrades, long seed,
            double acceleration, int parallelism, int deadLetterEvery) {}

    /** Runs {@code cxpulse replay} of a directory of input files into an output directory. */
    public interface Replayer {
        void replay(CxPulseConfig config, Path input, Path output) throws Exception;
    }

    /** What a run saw; {@link #lastLine()} is what {@code cxpulse chaos} ends with. */
    public record Result(int kills, long restarts, long events, long injected, long late,
            List<OutputOracle.Comparison> comparisons, OutputOracle.Comparison strictMetrics, List<Duration> recoveries,
            Duration upgrade, Continuity continuity, Duration runTime) {

        public long committed() {
            return comparisons.stream().mapToLong(OutputOracle.Comparison::committed).sum();
        }

        public long missing() {
            return comparisons.stream().mapToLong(OutputOracle.Comparison::missing).sum();
        }

        public long duplicates() {
            return comparisons.stream().mapToLong(OutputOracle.Comparison::duplicates).sum();
        }

        public long extra() {
            return comparisons.stream().mapToLong(OutputOracle.Comparison::extra).sum();
        }

        public String lastLine() {
            return "chaos: kills=" + kills + " restarts=" + restarts + " committed=" + committed() + " missing="
                    + missing() + " duplicates=" + duplicates() + " extra=" + extra();
        }
    }

    /**
     * What the savepoint upgrade carried over: alert episodes open when the old job stopped (their
     * last committed status OPEN or UPDATE) that the new job went on to resolve, and metric windows
     * open then (early updates committed, no final record) that the new job closed. Both come from
     * state restored from the savepoint; the oracle checks their content.
     */
    public record Continuity(int openEpisodes, int episodesResolvedAfter, int windowsAcross) {

        static final Continuity NONE = new Continuity(0, 0, 0);
    }

    private final Options options;
    private final FlinkCluster.Distribution distribution;
    private final Path directory;
    private final String bootstrapServers;
    private final Replayer replayer;
    private final Consumer<String> progress;
    private final Random random;

    public Chaos(Options options, FlinkCluster.Distribution distribution, Path directory, String bootstrapServers,
            Replayer replayer, Consumer<String> progress) {
        this.options = options;
        this.distribution = distribution;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.replayer = replayer;
        this.progress = progress;
        this.random = new Random(options.seed());
    }

    public Result run() throws Exception {
        long started = System.nanoTime();
        String prefix = "chaos-" + Long.toString(System.currentTimeMillis(), 36) + ".";
        CxPulseConfig config = CxPulseConfig.defaults()
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(bootstrapServers))
                .withTopics(TopicsConfig.CONTRACT.withPrefix(prefix))
                .withCheckpoints(new CheckpointsConfig(Duration.ofSeconds(2), null, "hashmap"));
        TopicSetup.ensure(config, options.parallelism(), (short) 1);
        Path configFile = writeJobConfig(config);

        List<Duration> recoveries = new ArrayList<>();
        Duration upgrade = null;
        OpenAtUpgrade openAtUpgrade = null;
        long restarts = 0;
        long events;
        long injected;
        try (FlinkCluster cluster = FlinkCluster.builder(distribution, directory.resolve("cluster"))
                .webSubmit(true)
                .taskManagers(options.parallelism())
                .setting("parallelism.default", Integer.toString(options.parallelism()))
                .start()) {
            FlinkRest rest = cluster.rest();
            String jar = rest.uploadJar(distribution.jobJar());
            List<String> args = List.of("--config-file", configFile.toString());
            String job = rest.runJar(jar, FlinkRest.Run.of(FlinkCluster.JOB_CLASS, args));
            awaitRunning(rest, job, Duration.ofMinutes(2));
            progress.accept("job " + job + " running on " + cluster.runningTaskManagers() + " TaskManagers; traffic starts");

            Traffic traffic = Traffic.start(config, options);
            int upgradeAfter = options.upgrades() > 0 ? Math.max(1, options.kills() / 2) : -1;
            for (int kill = 1; kill <= options.kills(); kill++) {
                Thread.sleep(interval().toMillis());
                traffic.check();
                long at = System.currentTimeMillis();
                String victim = cluster.killTaskManager();
                cluster.startTaskManager();
                Duration recovery = awaitOutputAfter(rest, job, at, true, Duration.ofMinutes(3));
                recoveries.add(recovery);
                progress.accept("kill " + kill + "/" + options.kills() + ": " + victim + " (SIGKILL); output flowing"
                        + " again after " + seconds(recovery) + " s; events sent " + traffic.sent());
                if (kill == upgradeAfter) {
                    long from = System.currentTimeMillis();
                    restarts += rest.failures(job);
                    String savepoint = rest.stopWithSavepoint(job, cluster.savepointDirectory(), false,
                            Duration.ofMinutes(3));
                    openAtUpgrade = OpenAtUpgrade.read(config);
                    job = rest.runJar(jar, new FlinkRest.Run(FlinkCluster.JOB_CLASS, args, savepoint, false));
                    upgrade = awaitOutputAfter(rest, job, from, false, Duration.ofMinutes(3));
                    progress.accept("upgrade: stopped with a savepoint and started from it; output flowing again"
                            + " after " + seconds(upgrade) + " s");
                }
            }
            Thread.sleep(interval().toMillis() / 2);
            traffic.stop();
            events = traffic.sent();
            injected = traffic.injected();
            progress.accept("traffic ended: " + events + " events and " + injected + " undecodable records sent");
            awaitCaughtUp(config, Duration.ofMinutes(5));
            restarts += rest.failures(job);
            rest.stopWithSavepoint(job, cluster.savepointDirectory(), true, Duration.ofMinutes(5));
            progress.accept("job drained and stopped");
        }

        Path input = Files.createDirectories(directory.resolve("replay-input"));
        Path output = Files.createDirectories(directory.resolve("replay-output"));
        Traffic.writeReplayInput(options, events, input);
        replayer.replay(config, input, output);
        Set<String> cut = customersWithInteractionsOpen(input);
        long leftOut = alertsOf(cut, output);
        progress.accept("replayed the same " + events + " events; " + cut.size() + " customers had a call or chat"
                + " still open when the traffic ended: their " + leftOut + " alerts (in the replay) are not compared");

        List<OutputOracle.Comparison> comparisons = new ArrayList<>();
        comparisons.add(compare(OutputTopic.ALERTS, config, output, OutputOracle.EXCLUDED, cut));
        comparisons.add(compare(OutputTopic.METRICS, config, output, OutputOracle.EXCLUDED, cut));
        comparisons.add(compare(OutputTopic.SUPPLIER_SHARES, config, output, OutputOracle.EXCLUDED, cut));
        AtomicLong late = new AtomicLong();
        comparisons.add(compareDeadLetters(config, injected, late));
        OutputOracle.Comparison strictMetrics = compare(OutputTopic.METRICS, config, output, OutputOracle.STRICT, cut);
        Continuity continuity = openAtUpgrade == null ? Continuity.NONE : openAtUpgrade.continuity(OpenAtUpgrade.read(config));
        return new Result(options.kills(), restarts, events, injected, late.get(), comparisons, strictMetrics,
                recoveries, upgrade, continuity, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * What was committed at a moment: alert ids whose last status was not RESOLVED (open
     * episodes) and RESOLVED, windows with a final record, and the latest end of those.
     */
    private record OpenAtUpgrade(Set<String> episodes, Set<String> resolved, Set<String> closedWindows,
            Map<String, Instant> windowStarts, Instant latestClosedEnd) {

        static OpenAtUpgrade read(CxPulseConfig config) {
            Map<String, AlertStatus> lastStatus = new HashMap<>();
            for (Alert alert : decoded(OutputTopic.ALERTS, config)) {
                lastStatus.put(alert.getAlertId(), alert.getStatus());
            }
            Set<String> episodes = new HashSet<>();
            Set<String> resolved = new HashSet<>();
            lastStatus.forEach((id, status) -> (status == AlertStatus.RESOLVED ? resolved : episodes).add(id));
            Set<String> closed = new HashSet<>();
            Map<String, Instant> starts = new HashMap<>();
            Instant latestEnd = Instant.EPOCH;
            for (MetricSnapshot m : decoded(OutputTopic.METRICS, config)) {
                if (m.getFinal$()) {
                    String window = m.getDimension() + "/" + m.getDimensionValue() + "/" + m.getWindowStart() + "/"
                            + m.getWindowEnd();
                    closed.add(window);
                    starts.put(window, m.getWindowStart());
                    latestEnd = m.getWindowEnd().isAfter(latestEnd) ? m.getWindowEnd() : latestEnd;
                }
            }
            return new OpenAtUpgrade(episodes, resolved, closed, starts, latestEnd);
        }

        /**
         * Episodes open at the stop that {@code atEnd} has resolved; windows closed after the stop
         * that had started before the latest window closed before it (so the old job had counted
         * into them: the new job closed them from the savepoint's state).
         */
        Continuity continuity(OpenAtUpgrade atEnd) {
            int windowsOpen = (int) atEnd.closedWindows().stream()
                    .filter(w -> !closedWindows.contains(w) && atEnd.windowStarts().get(w).isBefore(latestClosedEnd))
                    .count();
            return new Continuity(episodes.size(), (int) episodes.stream().filter(atEnd.resolved()::contains).count(),
                    windowsOpen);
        }

        private static <T extends SpecificRecordBase> List<T> decoded(OutputTopic<T> output, CxPulseConfig config) {
            String topic = config.topics().of(output);
            RecordCodec<T> codec = Codecs.forRecord(output.recordClass(), config.serde());
            codec.open();
            List<T> records = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readAll(config, topic)) {
                try {
                    records.add(codec.decode(topic, r.value()));
                } catch (Exception e) {
                    throw new IllegalStateException("undecodable record on " + topic, e);
                }
            }
            return records;
        }
    }

    private <T extends SpecificRecordBase> OutputOracle.Comparison compare(
            OutputTopic<T> output, CxPulseConfig config, Path replayed, List<String> excluded, Set<String> customersLeftOut)
            throws IOException {
        String topic = config.topics().of(output);
        List<byte[]> values = CommittedRecords.readAll(config, topic).stream().map(ConsumerRecord::value).toList();
        return OutputOracle.Comparison.of(output.name(), OutputOracle.fromReplay(output, replayed, excluded,
                customersLeftOut), OutputOracle.fromLive(output, topic, Codecs.forRecord(output.recordClass(),
                config.serde()), values, excluded, customersLeftOut));
    }

    /** Every undecodable record sent is a dead letter exactly once; other dead letters are extra, LATE ones counted. */
    private static OutputOracle.Comparison compareDeadLetters(CxPulseConfig config, long injected, AtomicLong late) {
        Map<String, Integer> expected = new HashMap<>();
        for (long i = 0; i < injected; i++) {
            expected.put(GARBAGE_KEY + i, 1);
        }
        Map<String, Integer> live = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readAll(config, config.topics().deadletter())) {
            Header reason = r.headers().lastHeader(DeadLetterHeaders.REASON);
            if (reason != null && DeadLetter.LATE.equals(new String(reason.value(), StandardCharsets.UTF_8))) {
                late.incrementAndGet();
                continue;
            }
            String key = r.key() == null ? "(no key)" : new String(r.key(), StandardCharsets.UTF_8);
            live.merge(key, 1, Integer::sum);
        }
        return OutputOracle.Comparison.of("dead letters", expected, live);
    }

    /**
     * Customers with a call or chat that had no ENDED or ABANDONED among the events sent: the
     * assembler closes such an interaction only when its timeout passes, at the drain, and hands
     * it to the detector with its last event's time, by then behind the detector's watermark.
     * Whether it then counts before a later contact of the same customer depends on how far the
     * watermark had got before the drain, which differs between a live run and a replay.
     */
    static Set<String> customersWithInteractionsOpen(Path replayInput) throws IOException {
        Set<String> open = new HashSet<>();
        for (String file : List.of("calls.jsonl", "chats.jsonl")) {
            Map<String, String> customerOf = new HashMap<>();
            Set<String> closed = new HashSet<>();
            try (Stream<String> lines = Files.lines(replayInput.resolve(file))) {
                lines.filter(line -> !line.isBlank()).forEach(line -> {
                    JsonNode event = readJson(line);
                    String id = event.has("call_id") ? event.path("call_id").asText() : event.path("chat_id").asText();
                    customerOf.put(id, event.path("customer_id").asText());
                    String type = event.path("type").asText();
                    if (type.equals("ENDED") || type.equals("ABANDONED")) {
                        closed.add(id);
                    }
                });
            }
            customerOf.forEach((id, customer) -> {
                if (!closed.contains(id)) {
                    open.add(customer);
                }
            });
        }
        return open;
    }

    /** How many of the replay's alerts are about one of {@code customers}. */
    private static long alertsOf(Set<String> customers, Path replayOutput) throws IOException {
        try (Stream<String> lines = Files.lines(replayOutput.resolve(OutputTopic.ALERTS.replayFile()))) {
            return lines.filter(line -> !line.isBlank())
                    .filter(line -> customers.contains(readJson(line).path("customer_id").asText("")))
                    .count();
        }
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Duration interval() {
        long min = options.minInterval().toMillis();
        long spread = options.maxInterval().toMillis() - min;
        return Duration.ofMillis(min + (spread <= 0 ? 0 : (long) (random.nextDouble() * spread)));
    }

    private Path writeJobConfig(CxPulseConfig config) throws IOException {
        TopicsConfig t = config.topics();
        // REST submission runs a job at parallelism 1 unless told otherwise: the job's own setting
        String yaml = "parallelism: " + options.parallelism() + "\n"
                + "kafka:\n  bootstrap-servers: " + config.kafka().bootstrapServers() + "\n"
                + "checkpoints:\n  interval: " + config.checkpoints().interval().toMillis() + "ms\n"
                + t.yamlSection();
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve("cxpulse.yaml"), yaml);
    }

    private static void awaitRunning(FlinkRest rest, String job, Duration patience) throws InterruptedException {
        FlinkCluster.await("job " + job + " running", patience, () -> {
            try {
                return rest.allTasksRunning(job);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * Time from {@code sinceMs} until the job has restarted (if {@code restart}: it entered
     * RESTARTING after {@code sinceMs}), runs again and a checkpoint triggered after that has
     * completed: when the output held back since the last checkpoint before the crash has been
     * written again and committed.
     */
    private static Duration awaitOutputAfter(FlinkRest rest, String job, long sinceMs, boolean restart,
            Duration patience) throws InterruptedException {
        if (restart) {
            FlinkCluster.await("job " + job + " restarting", patience, () -> {
                try {
                    return rest.lastEntered(job, "RESTARTING") > sinceMs;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        long restartedAt = Math.max(sinceMs, System.currentTimeMillis());
        AtomicLong doneAt = new AtomicLong();
        FlinkCluster.await("a checkpoint of job " + job + " completed after the restart", patience, () -> {
            try {
                JsonNode latest = rest.get("/jobs/" + job + "/checkpoints").path("latest").path("completed");
                if (latest.path("trigger_timestamp").asLong(0) > restartedAt && rest.allTasksRunning(job)) {
                    doneAt.set(latest.path("latest_ack_timestamp").asLong());
                    return true;
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return Duration.ofMillis(doneAt.get() - sinceMs);
    }

    private void awaitCaughtUp(CxPulseConfig config, Duration patience) throws Exception {
        try (ConsumerLag lag = new ConsumerLag(config, config.kafka().groupIdPrefix() + "-" + Pipelines.ALL_JOBS)) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (lag.records() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not catch up with the traffic within "
                            + patience.toSeconds() + " s (lag " + lag.records() + ")");
                }
                Thread.sleep(500);
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f", d.toMillis() / 1000.0);
    }

    /** The simulated traffic into Kafka, an undecodable record among every {@code deadLetterEvery}. */
    private static final class Traffic {
        private final Simulation simulation;
        private final Thread thread;
        private final AtomicReference<Exception> failure;
        private final GarbageSink sink;

        private Traffic(Simulation simulation, Thread thread, AtomicReference<Exception> failure, GarbageSink sink) {
            this.simulation = simulation;
            this.thread = thread;
            this.failure = failure;
            this.sink = sink;
        }

        static Simulation.Options simulation(Options options, double acceleration) {
            return new Simulation.Options(new TrafficGenerator.Settings(options.seed(),
                    Instant.parse("2026-11-16T08:00:00Z"), Duration.ofDays(3), 1, 50_000),
                    IncidentScript.defaultScript(), acceleration, 0);
        }

        static Traffic start(CxPulseConfig config, Options options) {
            Simulation simulation = Simulation.standard(simulation(options, options.acceleration()));
            GarbageSink sink = new GarbageSink(config, options.deadLetterEvery());
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    simulation.run(sink);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "cxpulse-chaos-traffic");
            thread.setDaemon(true);
            thread.start();
            return new Traffic(simulation, thread, failure, sink);
        }

        long sent() {
            return simulation.eventsSent();
        }

        long injected() {
            return sink.injected;
        }

        void check() throws Exception {
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        void stop() throws Exception {
            simulation.stop();
            thread.join(60_000);
            sink.close();
            check();
        }

        /** The first {@code events} events of the same simulation, as replay input files. */
        static void writeReplayInput(Options options, long events, Path directory) throws Exception {
            Simulation simulation = Simulation.standard(simulation(options, 0));
            try (DirectorySink files = new DirectorySink(directory)) {
                simulation.run(new TrafficSink() {
                    private long written;

                    @Override
                    public void send(SimEvent event) throws Exception {
                        files.send(event);
                        if (++written >= events) {
                            simulation.stop();
                        }
                    }

                    @Override
                    public void flush() throws Exception {
                        files.flush();
                    }

                    @Override
                    public void close() {}
                });
            }
        }
    }

    /** Forwards to Kafka and, every {@code every} events, sends an undecodable record to an input topic. */
    private static final class GarbageSink implements TrafficSink {
        private final KafkaTrafficSink events;
        private final KafkaProducer<byte[], byte[]> garbage;
        private final List<String> topics = new ArrayList<>();
        private final int every;
        private long seen;
        private volatile long injected;

        GarbageSink(CxPulseConfig config, int every) {
            this.events = new KafkaTrafficSink(config);
            Properties p = config.kafka().clientProperties();
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-chaos-garbage");
            this.garbage = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            for (InputTopic<?> input : InputTopic.ALL) {
                topics.add(config.topics().of(input));
            }
            this.every = every;
        }

        @Override
        public void send(SimEvent event) throws Exception {
            events.send(event);
            if (++seen % every == 0) {
                long n = injected;
                String topic = topics.get((int) (n % topics.size()));
                garbage.send(new ProducerRecord<>(topic, (GARBAGE_KEY + n).getBytes(StandardCharsets.UTF_8),
                        ("not a record #" + n).getBytes(StandardCharsets.UTF_8))).get();
                injected = n + 1;
            }
        }

        @Override
        public void flush() throws Exception {
            events.flush();
            garbage.flush();
        }

        @Override
        public void close() throws Exception {
            events.close();
            garbage.close();
        }
    }
}
