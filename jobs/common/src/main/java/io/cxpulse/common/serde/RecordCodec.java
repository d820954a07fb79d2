package io.cxpulse.common.serde;

import java.io.Serializable;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns one record type into the bytes of a Kafka record value and back.
 *
 * <p>Implementations are the wire formats of the contract: Avro single-object encoding (the
 * embedded default) and the Confluent wire format backed by a schema registry. A codec is
 * created on the client, shipped to the task managers inside a Flink function, and opened
 * there before first use, so it must be serializable and keep connections and caches in
 * transient fields that {@link #open()} creates.
 *
 * @param <T> the generated record class
 */
public interface RecordCodec<T extends SpecificRecord> extends Serializable {

    /** Creates transient resources (caches, HTTP clients). Safe to call more than once. */
    default void open() {}

    /**
     * Encodes one record for {@code topic}.
     *
     * @throws IllegalStateException when the record cannot be encoded (a registry that refuses
     *     the schema, say): a bug or an outage, never bad input
     */
    byte[] encode(String topic, T record);

    /**
     * Decodes one Kafka record value read from {@code topic}.
     *
     * @throws InvalidRecordException when the bytes are not a record of this type in this wire
     *     format: the caller dead-letters them
     */
    T decode(String topic, byte[] bytes) throws InvalidRecordException;
}
