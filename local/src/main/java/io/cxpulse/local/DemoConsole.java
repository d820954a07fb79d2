package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.common.text.SafeText;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SubjectType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the demo shows in the terminal, read back from Kafka as a BI tool or an alert feed would
 * ({@code read_committed}, so only what the jobs committed): each alert as it arrives, every
 * {@code tableEvery} the live per-queue metrics and a status line (events in per second,
 * alerts, dead letters). Runs on its own thread until {@link #close()}.
 */
public final class DemoConsole implements AutoCloseable {

    private final CxPulseConfig config;
    private final PrintStream out;
    private final Ansi ansi;
    private final LongSupplier eventsIn;
    private final Duration tableEvery;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<AlertKind, Long> alertsByKind = new EnumMap<>(AlertKind.class);
    private final MetricsTable table = new MetricsTable();
    private final boolean allAlerts;
    private long alertRecords;
    private final Map<AlertKind, Integer> customerAlertsShown = new EnumMap<>(AlertKind.class);
    private long customerAlertsHidden;
    private final Thread thread;
    private long deadLetters;
    private long metricRecords;

    static final int CUSTOMER_ALERTS_PER_TABLE = 3;

    public DemoConsole(CxPulseConfig config, PrintStream out, Ansi ansi, LongSupplier eventsIn, Duration tableEvery,
            boolean allAlerts) {
        this.config = config;
        this.allAlerts = allAlerts;
        this.out = out;
        this.ansi = ansi;
        this.eventsIn = eventsIn;
        this.tableEvery = tableEvery;
        this.thread = new Thread(this::run, "cxpulse-demo-console");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public synchronized Map<AlertKind, Long> alertsByKind() {
        return Map.copyOf(alertsByKind);
    }

    private void run() {
        RecordCodec<Alert> alertCodec = Codecs.forRecord(Alert.class, config.serde());
        RecordCodec<MetricSnapshot> metricCodec = Codecs.forRecord(MetricSnapshot.class, config.serde());
        alertCodec.open();
        metricCodec.open();
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String alertsTopic = config.topics().alerts();
        String metricsTopic = config.topics().metrics();
        String deadTopic = config.topics().deadletter();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(alertsTopic, metricsTopic, deadTopic)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long nextTable = System.nanoTime() + tableEvery.toNanos();
            long lastEvents = eventsIn.getAsLong();
            long lastAt = System.nanoTime();
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        if (r.topic().equals(alertsTopic)) {
                            show(alertCodec.decode(r.topic(), r.value()));
                        } else if (r.topic().equals(metricsTopic)) {
                            MetricSnapshot s = metricCodec.decode(r.topic(), r.value());
                            synchronized (this) {
                                metricRecords++;
                                table.accept(s);
                            }
                        } else {
                            synchronized (this) {
                                deadLetters++;
                            }
                        }
                    } catch (InvalidRecordException e) {
                        out.println(ansi.red("cannot read a record of " + r.topic() + ": " + SafeText.neutralise(e.getMessage())));
                    }
                }
                long now = System.nanoTime();
                if (now >= nextTable) {
                    long events = eventsIn.getAsLong();
                    double perSecond = (events - lastEvents) / ((now - lastAt) / 1e9);
                    lastEvents = events;
                    lastAt = now;
                    nextTable = now + tableEvery.toNanos();
                    printTable(perSecond);
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                out.println(ansi.red("the console stopped reading Kafka: " + e));
            }
        }
    }

    private void show(Alert alert) {
        boolean print;
        synchronized (this) {
            alertRecords++;
            if (alert.getStatus() == AlertStatus.OPEN) {
                alertsByKind.merge(alert.getKind(), 1L, Long::sum);
            }
            print = allAlerts || alert.getSubjectType() != SubjectType.CUSTOMER;
            if (!print) {
                print = alert.getStatus() == AlertStatus.OPEN
                        && customerAlertsShown.getOrDefault(alert.getKind(), 0) < CUSTOMER_ALERTS_PER_TABLE;
                if (print) {
                    customerAlertsShown.merge(alert.getKind(), 1, Integer::sum);
                } else {
                    customerAlertsHidden++;
                }
            }
        }
        if (print) {
            out.println(AlertLines.format(alert, ansi));
        }
    }

    private synchronized void printTable(double eventsPerSecond) {
        if (!table.isEmpty()) {
            out.println();
            out.print(table.render(ansi));
        }
        long opened = alertsByKind.values().stream().mapToLong(Long::longValue).sum();
        out.println(ansi.dim(String.format(
                "── events in %,.0f/s · alerts opened %,d (%,d records; %,d customer records not shown) · metric records %,d"
                        + " · dead letters %d",
                eventsPerSecond, opened, alertRecords, customerAlertsHidden, metricRecords, deadLetters)));
        customerAlertsShown.clear();
        out.println();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
