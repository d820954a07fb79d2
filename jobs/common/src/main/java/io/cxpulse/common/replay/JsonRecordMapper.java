package io.cxpulse.common.replay;

import static io.cxpulse.common.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxpulse.common.serde.DeadLetterReason.MALFORMED_JSON;
import static io.cxpulse.common.serde.DeadLetterReason.MISSING_FIELD;
import static io.cxpulse.common.serde.DeadLetterReason.OUT_OF_RANGE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.text.SafeText;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps one line of a JSON Lines replay file onto a generated Avro record and back, driven by
 * the record's schema, so no record type needs hand-written mapping code (CONTRACT.md, "Replay
 * files"). Reading:
 *
 * <ul>
 *   <li>A line is one JSON object, keyed by the schema's field names. Anything else (not JSON,
 *       an array, trailing text after the object, a key given twice) is {@code MALFORMED_JSON}.
 *       Unknown keys are ignored, so a file written for a newer schema still reads.
 *   <li>An optional field ({@code ["null", T]}) may be absent or {@code null}. An absent field
 *       with a schema default takes it ({@code complaint} false, {@code reasons} []). Any other
 *       absent field, and {@code null} in any non-optional field, is {@code MISSING_FIELD}.
 *   <li>A {@code timestamp-millis} field is epoch milliseconds (a JSON integer) or an ISO-8601
 *       string with {@code Z} or a {@code ±HH:MM} offset, fractional seconds allowed
 *       ({@code 2026-11-22T16:00:00.250+08:00}); digits below the millisecond are dropped, as
 *       Avro's binary encoding would. Anything else (no offset, a fraction, a quoted number) is
 *       {@code BAD_TIMESTAMP}.
 *   <li>JSON types are never coerced: a quoted number, a fraction (even {@code 5.0}) where an
 *       int or long belongs, a number where a string belongs, {@code "true"} for a boolean are
 *       all {@code MALFORMED_JSON}. An integer beyond the field's range, a number beyond double
 *       range, or an enum symbol the schema does not have is {@code OUT_OF_RANGE}; an unknown
 *       symbol is never mapped to the enum's default symbol. Doubles accept JSON integers and
 *       the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *   <li>Arrays are JSON arrays, maps JSON objects, nested records JSON objects, read
 *       recursively; an error names the path ({@code reasons[1]}, {@code evidence.lift}).
 * </ul>
 *
 * <p>Writing gives one compact JSON object without a line break: every field in schema order,
 * {@code null} for an absent optional value, enums as their symbol, timestamps as ISO-8601 UTC
 * ({@link Instant#toString()} at millisecond precision), map entries sorted by key so that the
 * same record is always the same line. A non-finite double is written as {@code null} when the
 * field is optional (so it reads back as absent) and otherwise as {@code "NaN"},
 * {@code "Infinity"} or {@code "-Infinity"}. Apart from that, {@code read(write(r))} equals
 * {@code r}. A record with {@code null} in a required field cannot be written
 * ({@link IllegalArgumentException}), just as Avro's binary encoder refuses it.
 *
 * <p>Error messages name the field path and the problem ({@code csat: expected int, got
 * string}), echo at most {@value #MAX_ECHO} code points of any input value, control characters and
 * lone surrogates escaped ({@link SafeText}), and never the line: it may hold customer data. A UTF-8 byte order mark before the object is ignored.
 *
 * <p>Limits: the schema may use records, enums, arrays, maps, strings, booleans, ints, longs,
 * floats, doubles, {@code timestamp-millis}, and unions only of the form {@code ["null", T]};
 * {@link #forClass} rejects any other schema (bytes, fixed, other unions, other logical types).
 * Line length is not limited here; the caller bounds what it reads.
 *
 * <p>Serializable for shipping inside Flink functions: only the record class is serialized,
 * the schema and Jackson mapper are rebuilt lazily. Not safe for concurrent use: one instance
 * serves one thread (a Flink subtask).
 */
public final class JsonRecordMapper<T extends SpecificRecord> implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The most characters of an input value (or a parser message) an error message repeats. */
    static final int MAX_ECHO = 80;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Class<T> recordClass;

    private transient ObjectMapper json;
    private transient SpecificData model;
    private transient Schema schema;

    private JsonRecordMapper(Class<T> recordClass) {
        this.recordClass = recordClass;
    }

    /**
     * A mapper for one generated record class.
     *
     * @throws IllegalArgumentException if the class's schema uses a type this mapper cannot map
     */
    public static <T extends SpecificRecord> JsonRecordMapper<T> forClass(Class<T> recordClass) {
        JsonRecordMapper<T> mapper = new JsonRecordMapper<>(Objects.requireNonNull(recordClass, "recordClass"));
        checkSupported(mapper.schema(), recordClass.getName(), new HashSet<>());
        return mapper;
    }

    /** The record class this mapper reads and writes. */
    public Class<T> recordClass() {
        return recordClass;
    }

    /**
     * Maps one line (without its line break) onto a record.
     *
     * @throws InvalidRecordException with {@code MALFORMED_JSON}, {@code MISSING_FIELD},
     *     {@code BAD_TIMESTAMP} or {@code OUT_OF_RANGE} when the line does not fit the record
     */
    public T read(String line) throws InvalidRecordException {
        Schema recordSchema = schema();
        if (line == null) {
            throw new InvalidRecordException(MALFORMED_JSON, "not a JSON object: no line");
        }
        String text = !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(MALFORMED_JSON, "not JSON: " + parseProblem(e));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(MALFORMED_JSON,
                    "not a JSON object" + (node == null || node.isMissingNode() ? "" : ", got " + kind(node)));
        }
        return recordClass.cast(readRecord(node, recordSchema, ""));
    }

    /**
     * One compact JSON object, without a line break, for the record.
     *
     * @throws IllegalArgumentException if a required field of the record is {@code null}
     */
    public String write(T record) {
        Schema recordSchema = schema();
        ObjectNode node = writeRecord(Objects.requireNonNull(record, "record"), recordSchema, "");
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    private Schema schema() {
        if (schema == null) {
            json = JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            model = SpecificData.getForClass(recordClass);
            schema = model.getSchema(recordClass);
        }
        return schema;
    }

    // --- reading ---------------------------------------------------------------------------

    private IndexedRecord readRecord(JsonNode object, Schema recordSchema, String path)
            throws InvalidRecordException {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, recordSchema);
        for (Schema.Field field : recordSchema.getFields()) {
            String where = path + field.name();
            JsonNode value = object.get(field.name());
            if (value != null && !value.isNull()) {
                record.put(field.pos(), readValue(value, field.schema(), where));
            } else if (isOptional(field.schema())) {
                record.put(field.pos(), null);
            } else if (value == null && field.hasDefaultValue()) {
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else {
                throw new InvalidRecordException(MISSING_FIELD,
                        where + (value == null ? ": missing" : ": required, got null"));
            }
        }
        return record;
    }

    private Object readValue(JsonNode v, Schema s, String where) throws InvalidRecordException {
        switch (s.getType()) {
            case UNION:
                return v.isNull() ? null : readValue(v, nonNullBranch(s), where);
            case STRING:
                requireType(v.isTextual(), "string", v, where);
                return v.textValue();
            case BOOLEAN:
                requireType(v.isBoolean(), "boolean", v, where);
                return v.booleanValue();
            case INT:
                requireType(v.isIntegralNumber(), "int", v, where);
                if (!v.canConvertToInt()) {
                    throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is beyond int range");
                }
                return v.intValue();
            case LONG:
                if (isTimestampMillis(s)) {
                    return readTimestamp(v, where);
                }
                requireType(v.isIntegralNumber(), "long", v, where);
                if (!v.canConvertToLong()) {
                    throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is beyond long range");
                }
                return v.longValue();
            case DOUBLE:
                return readDouble(v, where);
            case FLOAT: {
                double d = readDouble(v, where);
                if (Double.isFinite(d) && Float.isInfinite((float) d)) {
                    throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is beyond float range");
                }
                return (float) d;
            }
            case ENUM: {
                requireType(v.isTextual(), "enum symbol", v, where);
                if (!s.hasEnumSymbol(v.textValue())) {
                    throw new InvalidRecordException(OUT_OF_RANGE,
                            where + ": '" + shorten(v.textValue()) + "' is not one of " + s.getEnumSymbols());
                }
                return model.createEnum(v.textValue(), s);
            }
            case ARRAY: {
                requireType(v.isArray(), "array", v, where);
                List<Object> list = new ArrayList<>(v.size());
                for (int i = 0; i < v.size(); i++) {
                    list.add(readValue(v.get(i), s.getElementType(), where + "[" + i + "]"));
                }
                return list;
            }
            case MAP: {
                requireType(v.isObject(), "object", v, where);
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    map.put(e.getKey(), readValue(e.getValue(), s.getValueType(), where + "." + shorten(e.getKey())));
                }
                return map;
            }
            case RECORD:
                requireType(v.isObject(), "object", v, where);
                return readRecord(v, s, where + ".");
            default:
                // forClass rejects such schemas; kept so that a new type fails loudly, not silently.
                throw new IllegalStateException(where + ": type " + s.getType() + " is not supported");
        }
    }

    private static Instant readTimestamp(JsonNode v, String where) throws InvalidRecordException {
        Instant instant = null;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            instant = Instant.ofEpochMilli(v.longValue());
        } else if (v.isTextual()) {
            try {
                instant = OffsetDateTime.parse(v.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (instant != null) {
            try {
                // timestamp-millis holds milliseconds: drop finer digits now, as the binary
                // encoding would, so a record read here equals one that went through Kafka.
                return Instant.ofEpochMilli(instant.toEpochMilli());
            } catch (ArithmeticException e) {
                // beyond what epoch milliseconds can hold: reported below
            }
        }
        throw new InvalidRecordException(BAD_TIMESTAMP, where + ": " + describe(v)
                + " is neither epoch milliseconds nor ISO-8601 with an offset");
    }

    private static double readDouble(JsonNode v, String where) throws InvalidRecordException {
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is beyond double range");
            }
            return d;
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new InvalidRecordException(MALFORMED_JSON, where + ": expected number, got " + kind(v));
    }

    private static void requireType(boolean ok, String expected, JsonNode v, String where)
            throws InvalidRecordException {
        if (!ok) {
            throw new InvalidRecordException(MALFORMED_JSON, where + ": expected " + expected + ", got " + kind(v));
        }
    }

    /** Jackson's message without its boilerplate tails, which would crowd out the point. */
    private static String parseProblem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String tail : List.of(": was expecting (JSON String", " (bound as ")) {
            int cut = message.indexOf(tail);
            if (cut > 0) {
                message = message.substring(0, cut);
            }
        }
        return shorten(message);
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? "'" + shorten(v.textValue()) + "'" : kind(v) + " " + shorten(v.toString());
    }

    // --- writing ---------------------------------------------------------------------------

    private ObjectNode writeRecord(IndexedRecord record, Schema recordSchema, String path) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : recordSchema.getFields()) {
            node.set(field.name(), writeValue(record.get(field.pos()), field.schema(), path + field.name()));
        }
        return node;
    }

    private JsonNode writeValue(Object value, Schema s, String where) {
        boolean optional = isOptional(s);
        if (value == null) {
            if (!optional) {
                throw new IllegalArgumentException(where + ": required, but null");
            }
            return NODES.nullNode();
        }
        Schema type = s.getType() == Schema.Type.UNION ? nonNullBranch(s) : s;
        switch (type.getType()) {
            case STRING:
            case ENUM:
                return NODES.textNode(value.toString());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case INT:
                return NODES.numberNode((Integer) value);
            case LONG:
                if (isTimestampMillis(type)) {
                    long millis = value instanceof Instant instant ? instant.toEpochMilli() : (Long) value;
                    return NODES.textNode(Instant.ofEpochMilli(millis).toString());
                }
                return NODES.numberNode((Long) value);
            case FLOAT:
            case DOUBLE: {
                double d = ((Number) value).doubleValue();
                if (Double.isFinite(d)) {
                    return type.getType() == Schema.Type.FLOAT ? NODES.numberNode((Float) value) : NODES.numberNode(d);
                }
                if (optional) {
                    return NODES.nullNode();
                }
                return NODES.textNode(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                for (Object item : (Collection<?>) value) {
                    array.add(writeValue(item, type.getElementType(), where + "[" + i++ + "]"));
                }
                return array;
            }
            case MAP: {
                // Sorted, so the same record is the same line whatever Map implementation holds it.
                Map<String, Object> sorted = new TreeMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
                ObjectNode map = NODES.objectNode();
                sorted.forEach((k, v) -> map.set(k, writeValue(v, type.getValueType(), where + "." + k)));
                return map;
            }
            case RECORD:
                return writeRecord((IndexedRecord) value, type, where + ".");
            default:
                throw new IllegalStateException(where + ": type " + type.getType() + " is not supported");
        }
    }

    // --- schema helpers --------------------------------------------------------------------

    private static void checkSupported(Schema s, String where, Set<String> seenRecords) {
        LogicalType logical = s.getLogicalType();
        if (logical != null && !isTimestampMillis(s)) {
            throw unsupported(where, "logical type " + logical.getName());
        }
        switch (s.getType()) {
            case RECORD:
                if (seenRecords.add(s.getFullName())) {
                    for (Schema.Field field : s.getFields()) {
                        checkSupported(field.schema(), where + "." + field.name(), seenRecords);
                    }
                }
                break;
            case UNION:
                List<Schema> branches = s.getTypes();
                if (branches.size() != 2 || !isOptional(s)) {
                    throw unsupported(where, "union " + s + " (only [\"null\", T] is)");
                }
                checkSupported(nonNullBranch(s), where, seenRecords);
                break;
            case ARRAY:
                checkSupported(s.getElementType(), where + "[]", seenRecords);
                break;
            case MAP:
                checkSupported(s.getValueType(), where + ".*", seenRecords);
                break;
            case ENUM, STRING, BOOLEAN, INT, LONG, FLOAT, DOUBLE:
                break;
            default:
                throw unsupported(where, "type " + s.getType());
        }
    }

    private static IllegalArgumentException unsupported(String where, String what) {
        return new IllegalArgumentException(where + ": " + what + " is not supported by JsonRecordMapper");
    }

    private static boolean isTimestampMillis(Schema s) {
        return s.getType() == Schema.Type.LONG && s.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static boolean isOptional(Schema s) {
        return s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    private static Schema nonNullBranch(Schema union) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalArgumentException("union without a non-null branch: " + union);
    }

    /** At most {@value #MAX_ECHO} code points of input, neutralised: safe in any message or file. */
    private static String shorten(String text) {
        return SafeText.quote(text, MAX_ECHO);
    }
}
