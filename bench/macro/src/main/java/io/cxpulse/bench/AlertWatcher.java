package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the alert topic as a consumer with the given isolation level would, on its own thread,
 * and notes when each alert record became visible (wall clock, ms).
 */
final class AlertWatcher implements AutoCloseable {

    /**
     * An alert's kind, the event time from which it could be raised and when it was seen. A
     * supplier verdict is judged {@code hold} after its window's end (its event time): the
     * complaints' wait for their shipments.
     */
    record Seen(String kind, long allowedAtMs, long visibleMs) {}

    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Seen> seen = new ArrayList<>();

    AlertWatcher(CxPulseConfig config, String isolationLevel, Duration supplierVerdictHold) {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        String topic = config.topics().alerts();
        RecordCodec<Alert> codec = Codecs.forRecord(Alert.class, config.serde());
        codec.open();
        thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        try {
                            Alert alert = codec.decode(topic, r.value());
                            long allowedAt = alert.getEventTime().toEpochMilli();
                            if (alert.getKind() == AlertKind.SUPPLIER_OUTLIER) {
                                allowedAt += supplierVerdictHold.toMillis();
                            }
                            synchronized (seen) {
                                seen.add(new Seen(alert.getKind().name(), allowedAt, now));
                            }
                        } catch (InvalidRecordException e) {
                            // not an alert this benchmark wrote; nothing to time
                        }
                    }
                }
            }
        }, "bench-alerts-" + isolationLevel);
        thread.setDaemon(true);
        thread.start();
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
