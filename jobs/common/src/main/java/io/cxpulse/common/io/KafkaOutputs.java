package io.cxpulse.common.io;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.KafkaConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.deadletter.DeadLetterKafkaSerializer;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Exactly-once Kafka sinks: a transactional producer per sink writer, transactions committed
 * when the checkpoint covering them completes, so {@code read_committed} readers see every
 * output record once, across failures and restarts. The transactional-id prefix is
 * {@code <transactional-id-prefix>-<job>-<sink>}: unique per job and sink, stable across
 * restarts (Flink aborts the transactions a crashed attempt left open by that prefix).
 */
public final class KafkaOutputs {

    private KafkaOutputs() {}

    /** The exactly-once sink of one contract output. */
    public static <T extends SpecificRecordBase> KafkaSink<T> sink(
            OutputTopic<T> output, CxPulseConfig config, String job) {
        return recordSink(config.topics().of(output), output.recordClass(), output.key(), config, job, output.name());
    }

    /** An exactly-once sink of Avro records to any topic, keyed by {@code key}. */
    public static <T extends SpecificRecordBase> KafkaSink<T> recordSink(
            String topic, Class<T> recordClass, SerializableFunction<T, String> key,
            CxPulseConfig config, String job, String sinkName) {
        return exactlyOnce(config, job, sinkName,
                new AvroRecordSerializer<>(topic, key, Codecs.forRecord(recordClass, config.serde())));
    }

    /**
     * The exactly-once sink of the dead-letter topic. Its producer may send the largest dead
     * letter there is ({@link DeadLetter#maxRecordBytes}): a dead letter never fails its sink,
     * which would restart the job on the same record forever.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(CxPulseConfig config, String job) {
        Properties producer = config.kafka().clientProperties();
        producer.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(
                DeadLetter.maxRecordBytes(config.sources().deadLetterPayloadBytes())));
        return exactlyOnce(config, producer, job, "deadletter",
                new DeadLetterKafkaSerializer(config.topics().deadletter()));
    }

    private static <T> KafkaSink<T> exactlyOnce(
            CxPulseConfig config, String job, String sinkName, KafkaRecordSerializationSchema<T> serializer) {
        return exactlyOnce(config, config.kafka().clientProperties(), job, sinkName, serializer);
    }

    private static <T> KafkaSink<T> exactlyOnce(CxPulseConfig config, Properties producer, String job,
            String sinkName, KafkaRecordSerializationSchema<T> serializer) {
        KafkaConfig kafka = config.kafka();
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(kafka.transactionTimeout().toMillis()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + job + "-" + sinkName)
                .setRecordSerializer(serializer)
                .build();
    }

    /** Key as UTF-8 text from the record, value in the configured Avro wire format. */
    static final class AvroRecordSerializer<T extends SpecificRecordBase> implements KafkaRecordSerializationSchema<T> {

        private static final long serialVersionUID = 1L;

        private final String topic;
        private final SerializableFunction<T, String> key;
        private final RecordCodec<T> codec;

        AvroRecordSerializer(String topic, SerializableFunction<T, String> key, RecordCodec<T> codec) {
            this.topic = topic;
            this.key = key;
            this.codec = codec;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
            codec.open();
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
            // The Kafka timestamp is the producer's clock, when the result was written; the event
            // time is in the record. The element's event time would be rejected by the broker when
            // it lies more than message.timestamp.after.max.ms (1 h by default since Kafka 4.0)
            // ahead of the broker's clock: one producer with a fast clock, or a simulation running
            // ahead, would fail the sink on every restart.
            return new ProducerRecord<>(topic, null, null, key.apply(record).getBytes(StandardCharsets.UTF_8),
                    codec.encode(topic, record));
        }
    }
}
