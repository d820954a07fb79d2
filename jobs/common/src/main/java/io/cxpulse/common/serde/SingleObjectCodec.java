package io.cxpulse.common.serde;

import io.cxpulse.schema.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding, the message format of the Avro specification: the two marker
 * bytes {@code C3 01}, the writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, then
 * the Avro binary body. It needs no registry: writer schemas are resolved by fingerprint from
 * the {@code schemas} module (the current schema and every released version), so a record
 * written by an older producer still decodes into the current class.
 *
 * <p>Used when no schema-registry URL is configured: the embedded default of the demo and of
 * most tests. Not thread-safe: one instance per Flink subtask, which is how sources and sinks
 * hold it.
 */
public final class SingleObjectCodec<T extends SpecificRecordBase> implements RecordCodec<T> {

    private static final long serialVersionUID = 1L;

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    private final Class<T> recordClass;

    private transient Schema readerSchema;
    private transient byte[] header;
    private transient SpecificDatumWriter<T> writer;
    private transient Map<Long, SpecificDatumReader<T>> readersByFingerprint;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;
    private transient StrictUtf8Decoder strictDecoder;

    private SingleObjectCodec(Class<T> recordClass) {
        this.recordClass = recordClass;
    }

    public static <T extends SpecificRecordBase> SingleObjectCodec<T> forClass(Class<T> recordClass) {
        return new SingleObjectCodec<>(recordClass);
    }

    @Override
    public void open() {
        if (writer != null) {
            return;
        }
        AvroLimits.install();
        SpecificData model = SpecificData.getForClass(recordClass);
        readerSchema = model.getSchema(recordClass);
        header = headerFor(readerSchema);
        writer = new SpecificDatumWriter<>(readerSchema, model);
        readersByFingerprint = new HashMap<>();
        addWriterSchema(readerSchema, model);
        for (Schema released : ReleasedSchemas.allReleased()) {
            if (released.getFullName().equals(readerSchema.getFullName())) {
                addWriterSchema(released, model);
            }
        }
    }

    private void addWriterSchema(Schema writerSchema, SpecificData model) {
        readersByFingerprint.putIfAbsent(
                SchemaNormalization.parsingFingerprint64(writerSchema),
                new SpecificDatumReader<>(writerSchema, readerSchema, model));
    }

    @Override
    public byte[] encode(String topic, T record) {
        open();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot encode " + recordClass.getSimpleName(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T decode(String topic, byte[] bytes) throws InvalidRecordException {
        open();
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new InvalidRecordException(
                    DeadLetterReason.WRONG_WIRE_FORMAT,
                    "not Avro single-object encoding (expected marker C3 01 and a fingerprint)");
        }
        long fingerprint = readFingerprint(bytes);
        SpecificDatumReader<T> reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw new InvalidRecordException(
                    DeadLetterReason.UNKNOWN_SCHEMA,
                    String.format("unknown writer schema fingerprint %016x for %s",
                            fingerprint, readerSchema.getName()));
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
        try {
            T record = reader.read(null, strict(decoder));
            if (!decoder.isEnd()) {
                throw new InvalidRecordException(
                        DeadLetterReason.UNDECODABLE, "trailing bytes after the " + readerSchema.getName());
            }
            return record;
        } catch (IOException | AvroRuntimeException | UnsupportedOperationException
                | IndexOutOfBoundsException | ClassCastException | NegativeArraySizeException e) {
            throw new InvalidRecordException(
                    DeadLetterReason.UNDECODABLE,
                    "cannot decode " + readerSchema.getName() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    static byte[] headerFor(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    private static long readFingerprint(byte[] bytes) {
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        return fingerprint;
    }

    /** The binary decoder, refusing strings that are not UTF-8 ({@link StrictUtf8Decoder}). */
    private StrictUtf8Decoder strict(BinaryDecoder binary) {
        if (strictDecoder == null) {
            strictDecoder = new StrictUtf8Decoder();
        }
        return strictDecoder.wrap(binary);
    }
}
