package io.cxpulse.common.io;

import static io.cxpulse.common.serde.DeadLetterReason.OVERSIZED;
import static io.cxpulse.common.serde.DeadLetterReason.WRONG_WIRE_FORMAT;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.common.validate.IngestLimits;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record of one input topic into an {@link Ingested}: the decoded and
 * validated record, or a dead letter with the original key, bytes, position and reason. It
 * never throws for bad input, so one bad record cannot stop a job; it does throw (and so
 * restart the job) when the schema registry is unreachable, since that is an outage, not bad
 * data.
 */
public final class IngestingDeserializer<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Ingested<T>> {

    private static final long serialVersionUID = 1L;

    private final InputTopic<T> input;
    private final RecordCodec<T> codec;
    private final IngestLimits limits;
    private final String job;

    public IngestingDeserializer(InputTopic<T> input, RecordCodec<T> codec, IngestLimits limits, String job) {
        this.input = input;
        this.codec = codec;
        this.limits = limits;
        this.job = job;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> kafkaRecord, Collector<Ingested<T>> out) {
        out.collect(ingest(kafkaRecord.topic(), kafkaRecord.partition(), kafkaRecord.offset(),
                kafkaRecord.key(), kafkaRecord.value()));
    }

    Ingested<T> ingest(String topic, int partition, long offset, byte[] key, byte[] value) {
        try {
            if (value == null) {
                throw new InvalidRecordException(WRONG_WIRE_FORMAT, "empty record value (tombstone)");
            }
            if (value.length > limits.maxRecordBytes()) {
                throw new InvalidRecordException(
                        OVERSIZED, "record of " + value.length + " bytes, limit " + limits.maxRecordBytes());
            }
            T record = codec.decode(topic, value);
            input.validator().validate(record, limits.rules());
            return Ingested.ok(record);
        } catch (InvalidRecordException e) {
            return Ingested.dead(
                    DeadLetter.of(topic, partition, offset, key, value, job, e, limits.deadLetterPayloadBytes()));
        }
    }

    @Override
    public TypeInformation<Ingested<T>> getProducedType() {
        return Ingested.typeInfo(input.recordClass());
    }
}
