package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * R0, the raw limit: a plain kafka-clients consumer and producer copying every input record,
 * bytes untouched, to a topic of the same partitions, with the client settings the jobs use
 * ({@code acks=all}, idempotent, Kafka's batching defaults). One thread, as one Flink source
 * and sink subtask per partition would not be faster on two cores.
 */
final class RawCopy {

    static final String PREFIX = "bench.r0.";

    private RawCopy() {}

    /** Copies until {@code expected} records have been read and written; returns the seconds it took. */
    static double run(CxPulseConfig config, long expected, String group) {
        Properties c = new Properties();
        c.putAll(config.kafka().clientProperties());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<String> topics = new ArrayList<>();
        for (InputTopic<?> input : InputTopic.ALL) {
            topics.add(config.topics().of(input));
        }
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(topics);
            long copied = 0;
            while (copied < expected) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    producer.send(new ProducerRecord<>(PREFIX + r.topic(), r.partition(), r.key(), r.value()));
                    copied++;
                }
            }
            producer.flush();
            consumer.commitSync();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
