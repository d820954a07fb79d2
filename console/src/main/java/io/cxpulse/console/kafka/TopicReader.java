package io.cxpulse.console.kafka;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.console.ConsoleState;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the console's four topics into {@link ConsoleState} on one thread, {@code read_committed}
 * (only what the pipeline committed), without a consumer group: every console instance reads
 * everything and rebuilds its state at start. Alerts, metrics and supplier shares are read from
 * the history horizon (by the records' Kafka timestamps, the time they were written), actions
 * from the beginning (the topic is compacted). {@link #awaitCaughtUp} returns once what was in
 * the topics at start has been read.
 *
 * <p>A record that cannot be decoded is skipped and counted per topic ({@link #undecodable}),
 * logged with its topic, partition and offset but never its content; nothing a topic holds
 * stops the reader.
 */
public final class TopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);

    private final CxPulseConfig config;
    private final ConsoleState state;
    private final Clock clock;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<String, AtomicLong> read = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> undecodable = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Throwable failure;

    public TopicReader(CxPulseConfig config, ConsoleState state) {
        this.config = config;
        this.state = state;
        this.clock = state.clock();
        this.thread = new Thread(this::run, "cxpulse-console-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the records present at start have been read; false on timeout or failure. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Records read per topic. */
    public Map<String, Long> read() {
        return snapshot(read);
    }

    /** Records skipped per topic because they could not be decoded. */
    public Map<String, Long> undecodable() {
        return snapshot(undecodable);
    }

    private void run() {
        TopicsConfig topics = config.topics();
        RecordCodec<Alert> alerts = Codecs.forRecord(Alert.class, config.serde());
        RecordCodec<AlertAction> actions = Codecs.forRecord(AlertAction.class, config.serde());
        RecordCodec<MetricSnapshot> metrics = Codecs.forRecord(MetricSnapshot.class, config.serde());
        RecordCodec<SupplierShare> shares = Codecs.forRecord(SupplierShare.class, config.serde());
        for (RecordCodec<?> codec : List.of(alerts, actions, metrics, shares)) {
            codec.open();
        }
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cxpulse-console");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            Map<TopicPartition, Long> end = assign(c, topics);
            long nextPrune = System.nanoTime();
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    read.computeIfAbsent(r.topic(), t -> new AtomicLong()).incrementAndGet();
                    try {
                        if (r.topic().equals(topics.alerts())) {
                            state.accept(alerts.decode(r.topic(), r.value()));
                        } else if (r.topic().equals(topics.alertActions())) {
                            state.accept(actions.decode(r.topic(), r.value()));
                        } else if (r.topic().equals(topics.metrics())) {
                            state.accept(metrics.decode(r.topic(), r.value()));
                        } else if (r.topic().equals(topics.supplierShares())) {
                            state.accept(shares.decode(r.topic(), r.value()));
                        }
                    } catch (InvalidRecordException | RuntimeException e) {
                        skipped(r, e);
                    }
                }
                if (caughtUp.getCount() > 0 && reached(c, end)) {
                    state.prune();
                    caughtUp.countDown();
                }
                if (System.nanoTime() >= nextPrune) {
                    state.prune();
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (KafkaException | IllegalStateException e) {
            failure = e;
            LOG.error("the console stopped reading Kafka: {}", e.toString());
            caughtUp.countDown();
        }
    }

    private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> c, TopicsConfig topics) {
        List<TopicPartition> fromHorizon = new ArrayList<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (String topic : List.of(topics.alerts(), topics.metrics(), topics.supplierShares())) {
            c.partitionsFor(topic, Duration.ofSeconds(60))
                    .forEach(info -> fromHorizon.add(new TopicPartition(topic, info.partition())));
        }
        c.partitionsFor(topics.alertActions(), Duration.ofSeconds(60))
                .forEach(info -> fromStart.add(new TopicPartition(topics.alertActions(), info.partition())));
        List<TopicPartition> all = new ArrayList<>(fromHorizon);
        all.addAll(fromStart);
        c.assign(all);
        long alertsFrom = clock.millis() - state.config().alertHistory().toMillis();
        // a final metric record is written an hour and its lateness after its window started
        long metricsFrom = clock.millis() - state.config().metricHistory().plusHours(2).toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        for (TopicPartition tp : fromHorizon) {
            times.put(tp, tp.topic().equals(topics.alerts()) ? alertsFrom : metricsFrom);
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times, Duration.ofSeconds(60));
        List<TopicPartition> nothingSince = new ArrayList<>();
        for (TopicPartition tp : fromHorizon) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                nothingSince.add(tp);
            } else {
                c.seek(tp, at.offset());
            }
        }
        c.seekToEnd(nothingSince);
        c.seekToBeginning(fromStart);
        return c.endOffsets(all, Duration.ofSeconds(60));
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void skipped(ConsumerRecord<byte[], byte[]> r, Exception e) {
        long n = undecodable.computeIfAbsent(r.topic(), t -> new AtomicLong()).incrementAndGet();
        if (n <= 10 || Long.bitCount(n) == 1) {
            LOG.warn("skipped record {} of {}-{} ({} skipped on this topic): {}", r.offset(), r.topic(),
                    r.partition(), n, e instanceof InvalidRecordException invalid
                            ? invalid.reason() + " " + invalid.getMessage() : e.getClass().getSimpleName());
        }
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(10_000);
    }
}
