package io.cxpulse.common.replay;

import static io.cxpulse.common.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxpulse.common.serde.DeadLetterReason.MALFORMED_JSON;
import static io.cxpulse.common.serde.DeadLetterReason.MISSING_FIELD;
import static io.cxpulse.common.serde.DeadLetterReason.OUT_OF_RANGE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.serde.InvalidRecordException;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Maps one line of a JSON Lines replay file onto a generated Avro record and back, driven by
 * the record's schema, so no record needs hand-written mapping code. The rules (CONTRACT.md):
 *
 * <ul>
 *   <li>one JSON object a line, keyed by the schema's field names; unknown keys are ignored, so
 *       a file written for a newer schema still reads;
 *   <li>an optional field ({@code ["null", T]}) may be absent or {@code null}; an absent field
 *       with a default takes it; any other absent or null field is {@code MISSING_FIELD};
 *   <li>a {@code timestamp-millis} field is epoch milliseconds (a JSON integer) or an ISO-8601
 *       string with an offset ({@code 2026-11-22T08:00:00Z}, {@code 2026-11-22T16:00:00+08:00});
 *       anything else is {@code BAD_TIMESTAMP};
 *   <li>JSON types are not coerced: a quoted number or a fraction where an int belongs is
 *       {@code MALFORMED_JSON}; an integer beyond the field's range, or an enum symbol the
 *       schema does not have, is {@code OUT_OF_RANGE} (never silently the default symbol).
 * </ul>
 *
 * <p>Writing gives every field in schema order, {@code null} for absent optional values,
 * timestamps as ISO-8601 UTC strings, enums as symbols; a non-finite double is written as
 * {@code null} when the field is optional, else as the string {@code "NaN"} or
 * {@code "Infinity"} (which reading accepts). {@code read(write(r))} equals {@code r}.
 *
 * <p>Error messages name the field path and the problem, never the line: it may hold customer
 * data. One instance per thread (a Flink subtask).
 */
public final class JsonRecordMapper<T extends SpecificRecordBase> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ECHO = 80;

    private final Class<T> recordClass;

    private transient ObjectMapper json;
    private transient SpecificData model;
    private transient Schema schema;

    private JsonRecordMapper(Class<T> recordClass) {
        this.recordClass = recordClass;
    }

    public static <T extends SpecificRecordBase> JsonRecordMapper<T> forClass(Class<T> recordClass) {
        return new JsonRecordMapper<>(recordClass);
    }

    private void init() {
        if (json == null) {
            json = new ObjectMapper();
            model = SpecificData.getForClass(recordClass);
            schema = model.getSchema(recordClass);
        }
    }

    @SuppressWarnings("unchecked")
    public T read(String line) throws InvalidRecordException {
        init();
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(MALFORMED_JSON, "not JSON: " + shorten(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(MALFORMED_JSON, "not a JSON object");
        }
        return (T) readRecord(node, schema, "");
    }

    public String write(T record) {
        init();
        return writeRecord(record, schema).toString();
    }

    // --- reading ---------------------------------------------------------------------------

    private Object readRecord(JsonNode object, Schema recordSchema, String path) throws InvalidRecordException {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, recordSchema);
        for (Schema.Field field : recordSchema.getFields()) {
            String where = path + field.name();
            JsonNode value = object.get(field.name());
            if (value == null || value.isNull()) {
                if (isOptional(field.schema())) {
                    record.put(field.pos(), null);
                } else if (value == null && field.hasDefaultValue()) {
                    record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
                } else {
                    throw new InvalidRecordException(MISSING_FIELD, where + ": missing");
                }
            } else {
                record.put(field.pos(), readValue(value, field.schema(), where));
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
                    throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is not an int");
                }
                return v.intValue();
            case LONG:
                if (s.getLogicalType() == LogicalTypes.timestampMillis()) {
                    return readTimestamp(v, where);
                }
                requireType(v.isIntegralNumber(), "long", v, where);
                if (!v.canConvertToLong()) {
                    throw new InvalidRecordException(OUT_OF_RANGE, where + ": " + shorten(v.asText()) + " is not a long");
                }
                return v.longValue();
            case DOUBLE:
            case FLOAT: {
                double d = readDouble(v, where);
                return s.getType() == Schema.Type.FLOAT ? (Object) (float) d : (Object) d;
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
                Map<String, Object> map = new HashMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    map.put(e.getKey(), readValue(e.getValue(), s.getValueType(), where + "." + e.getKey()));
                }
                return map;
            }
            case RECORD:
                requireType(v.isObject(), "object", v, where);
                return readRecord(v, s, where + ".");
            default:
                throw new InvalidRecordException(MALFORMED_JSON, where + ": type " + s.getType() + " is not supported");
        }
    }

    private static Instant readTimestamp(JsonNode v, String where) throws InvalidRecordException {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Instant.ofEpochMilli(v.longValue());
        }
        if (v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new InvalidRecordException(BAD_TIMESTAMP, where + ": '" + shorten(v.asText())
                + "' is neither epoch milliseconds nor ISO-8601 with an offset");
    }

    private static double readDouble(JsonNode v, String where) throws InvalidRecordException {
        if (v.isNumber()) {
            return v.doubleValue();
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
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    // --- writing ---------------------------------------------------------------------------

    private ObjectNode writeRecord(IndexedRecord record, Schema recordSchema) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Schema.Field field : recordSchema.getFields()) {
            node.set(field.name(), writeValue(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private JsonNode writeValue(Object value, Schema s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        boolean optional = isOptional(s);
        Schema type = s.getType() == Schema.Type.UNION ? nonNullBranch(s) : s;
        switch (type.getType()) {
            case STRING:
            case ENUM:
                return f.textNode(value.toString());
            case BOOLEAN:
                return f.booleanNode((Boolean) value);
            case INT:
                return f.numberNode((Integer) value);
            case LONG:
                return value instanceof Instant instant ? f.textNode(instant.toString()) : f.numberNode((Long) value);
            case FLOAT:
            case DOUBLE: {
                double d = ((Number) value).doubleValue();
                if (Double.isFinite(d)) {
                    return f.numberNode(d);
                }
                return optional ? f.nullNode() : f.textNode(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
            case ARRAY: {
                ArrayNode array = f.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(writeValue(item, type.getElementType()));
                }
                return array;
            }
            case MAP: {
                ObjectNode map = f.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), writeValue(v, type.getValueType())));
                return map;
            }
            case RECORD:
                return writeRecord((IndexedRecord) value, type);
            default:
                throw new IllegalArgumentException("type " + type.getType() + " is not supported");
        }
    }

    // --- schema helpers --------------------------------------------------------------------

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

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_ECHO ? oneLine : oneLine.substring(0, MAX_ECHO) + "…";
    }
}
