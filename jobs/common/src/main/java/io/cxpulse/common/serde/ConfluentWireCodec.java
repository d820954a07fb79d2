package io.cxpulse.common.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The Confluent wire format: a zero magic byte, the writer schema's 4-byte big-endian registry
 * id, then the Avro binary body. It is what Kafka Connect, ClickHouse, Druid and Spark read
 * from a topic whose schemas live in a registry.
 *
 * <p>Subjects follow the TopicNameStrategy: the value schema of topic {@code t} is registered
 * under {@code t-value}. {@link #encode} registers the record class's schema once per topic
 * (the registry answers with the existing id when it is already there) and caches the 5-byte
 * header. {@link #decode} fetches the writer schema by the id in the bytes (cached) and reads
 * the body with Avro schema resolution into the current generated class, so records written by
 * an older producer decode with the fields it did not know at their defaults.
 *
 * <p>What goes to the dead-letter topic, and why:
 * <ul>
 *   <li>{@link DeadLetterReason#WRONG_WIRE_FORMAT}: fewer than 5 bytes, or a first byte other
 *       than 0;
 *   <li>{@link DeadLetterReason#UNKNOWN_SCHEMA}: the registry has no schema with the id, or
 *       has one this reader cannot resolve against (another record type, a non-Avro schema, an
 *       incompatible change). Such a record is not damaged, it is unreadable by this version of
 *       the pipeline, and every record carrying the same id will fail the same way; counting
 *       it apart from damaged bytes tells the operator to look at the producer, not at the
 *       network. The verdict is cached per id, so it costs one registry request, not one per
 *       record;
 *   <li>{@link DeadLetterReason#UNDECODABLE}: a known, readable writer schema but a body that
 *       does not decode under it: truncated, garbage, a forged length prefix (bounded by
 *       {@link AvroLimits}, so it cannot exhaust memory) or trailing bytes after the record.
 * </ul>
 * A registry that cannot be reached is none of these: it throws {@link IllegalStateException}
 * and fails the job, which restarts from its last checkpoint (see {@link SchemaRegistryClient}).
 *
 * <p>This is the per-record hot path of every job: Avro's binary encoder and decoder are reused
 * from record to record, and a {@link SpecificDatumReader} is kept per writer-schema id. Not
 * thread-safe: one instance per Flink subtask, which is how sources and sinks hold it.
 *
 * @param <T> the generated record class
 */
public final class ConfluentWireCodec<T extends SpecificRecordBase> implements RecordCodec<T> {

    private static final long serialVersionUID = 1L;

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private final Class<T> recordClass;
    private final SchemaRegistryClient registry;

    private transient SpecificData model;
    private transient Schema readerSchema;
    private transient SpecificDatumWriter<T> writer;
    private transient Map<String, byte[]> headersByTopic;
    private transient Map<Integer, SpecificDatumReader<T>> readersById;
    private transient Map<Integer, String> unreadableIds;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;
    private transient StrictUtf8Decoder strictDecoder;

    public ConfluentWireCodec(Class<T> recordClass, SchemaRegistryConfig registry) {
        this(recordClass, new SchemaRegistryClient(registry));
    }

    public ConfluentWireCodec(Class<T> recordClass, SchemaRegistryClient registry) {
        if (recordClass == null || registry == null) {
            throw new IllegalArgumentException("recordClass and registry are required");
        }
        this.recordClass = recordClass;
        this.registry = registry;
    }

    /** The subject a topic's value schemas are registered under (TopicNameStrategy). */
    public static String subjectOf(String topic) {
        return topic + "-value";
    }

    @Override
    public void open() {
        if (writer != null) {
            return;
        }
        AvroLimits.install();
        registry.open();
        model = SpecificData.getForClass(recordClass);
        readerSchema = model.getSchema(recordClass);
        headersByTopic = new HashMap<>();
        readersById = new HashMap<>();
        unreadableIds = new HashMap<>();
        writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the registry is unreachable or refuses the schema
     */
    @Override
    public byte[] encode(String topic, T record) {
        open();
        byte[] header = headersByTopic.get(topic);
        if (header == null) {
            int id = registry.register(subjectOf(topic), readerSchema);
            header = header(id);
            headersByTopic.put(topic, header);
            // What this codec writes it can read without asking the registry again.
            readersById.putIfAbsent(id, new SpecificDatumReader<>(readerSchema, readerSchema, model));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot encode " + recordClass.getSimpleName() + " for " + topic, e);
        }
        return out.toByteArray();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the registry is needed (an id not seen before) and is
     *     unreachable: an outage, not bad input
     */
    @Override
    public T decode(String topic, byte[] bytes) throws InvalidRecordException {
        open();
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MAGIC_BYTE) {
            throw new InvalidRecordException(
                    DeadLetterReason.WRONG_WIRE_FORMAT,
                    "not the Confluent wire format (expected magic byte 0 and a 4-byte schema id)");
        }
        int id = ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
        SpecificDatumReader<T> reader = readerFor(id);
        decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
        T record;
        try {
            record = reader.read(null, strict(decoder));
        } catch (IOException | RuntimeException e) {
            // Whatever the reader throws on these bytes is about these bytes: the writer schema
            // is known and resolvable, so only the body can be at fault. (Registry failures
            // cannot happen here; the schema was fetched above.)
            throw new InvalidRecordException(
                    DeadLetterReason.UNDECODABLE,
                    "cannot decode " + readerSchema.getName() + " written with schema id " + id + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
        boolean trailing;
        try {
            trailing = !decoder.isEnd();
        } catch (IOException e) {
            trailing = true;
        }
        if (trailing) {
            throw new InvalidRecordException(
                    DeadLetterReason.UNDECODABLE,
                    "trailing bytes after the " + readerSchema.getName() + " written with schema id " + id);
        }
        return record;
    }

    private SpecificDatumReader<T> readerFor(int id) throws InvalidRecordException {
        SpecificDatumReader<T> reader = readersById.get(id);
        if (reader != null) {
            return reader;
        }
        String unreadable = unreadableIds.get(id);
        if (unreadable != null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_SCHEMA, unreadable);
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryClient.UnknownSchemaException e) {
            // Not cached here: the client remembers unknown ids for a while and then asks again.
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String message = "schema id " + id + " (" + describe(writerSchema) + ") cannot be read as "
                    + readerSchema.getFullName() + ": " + incompatibilities(compatibility);
            unreadableIds.put(id, message);
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_SCHEMA, message);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        readersById.put(id, reader);
        return reader;
    }

    /** The first few incompatibilities, short: Avro's own description quotes both schemas in full. */
    private static String incompatibilities(SchemaCompatibility.SchemaPairCompatibility compatibility) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (SchemaCompatibility.Incompatibility incompatibility : compatibility.getResult().getIncompatibilities()) {
            if (shown == 3) {
                out.append("; …");
                break;
            }
            out.append(shown == 0 ? "" : "; ")
                    .append(incompatibility.getType())
                    .append(" at ").append(incompatibility.getLocation())
                    .append(" (").append(incompatibility.getMessage()).append(')');
            shown++;
        }
        return out.length() == 0 ? compatibility.getType().toString() : out.toString();
    }

    private static String describe(Schema schema) {
        return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : schema.getType().getName();
    }

    private static byte[] header(int id) {
        return new byte[] {MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    @Override
    public String toString() {
        return "ConfluentWireCodec{" + recordClass.getSimpleName() + ", " + registry + "}";
    }

    /** The binary decoder, refusing strings that are not UTF-8 ({@link StrictUtf8Decoder}). */
    private StrictUtf8Decoder strict(BinaryDecoder binary) {
        if (strictDecoder == null) {
            strictDecoder = new StrictUtf8Decoder();
        }
        return strictDecoder.wrap(binary);
    }
}
