package io.cxpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the contract: every record schema stays FULL-compatible with its last released version
 * (a new reader reads old data and an old reader reads new data), and follows the conventions
 * of CONTRACT.md. An incompatible change, such as a new field without a default, fails here.
 */
class SchemaCompatibilityTest {

    static Stream<Class<? extends SpecificRecordBase>> records() {
        return ReleasedSchemas.RECORDS.stream();
    }

    static Stream<Class<? extends SpecificRecordBase>> inputs() {
        return ReleasedSchemas.RECORDS.subList(0, 5).stream();
    }

    @ParameterizedTest(name = "{0} is FULL-compatible with its released version")
    @MethodSource("records")
    void everyRecordIsFullCompatibleWithItsReleasedVersion(Class<? extends SpecificRecordBase> record) {
        Schema current = SpecificData.get().getSchema(record);
        Schema released = ReleasedSchemas.released(record.getSimpleName());

        SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        SchemaPairCompatibility forward = SchemaCompatibility.checkReaderWriterCompatibility(released, current);

        assertThat(backward.getType())
                .as("the current %s must read data written with the released schema: %s",
                        record.getSimpleName(), describe(backward))
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(forward.getType())
                .as("the released %s must read data written with the current schema: %s",
                        record.getSimpleName(), describe(forward))
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0} follows the contract's conventions")
    @MethodSource("records")
    void everyRecordFollowsTheConventions(Class<? extends SpecificRecordBase> record) {
        List<String> problems = new ArrayList<>();
        check(SpecificData.get().getSchema(record), record.getSimpleName(), problems);
        assertThat(problems).as("convention problems in %s", record.getSimpleName()).isEmpty();
    }

    @ParameterizedTest(name = "input {0} has event_id, event_time and customer_id")
    @MethodSource("inputs")
    void everyInputHasTheCommonFields(Class<? extends SpecificRecordBase> record) {
        Schema schema = SpecificData.get().getSchema(record);
        assertThat(schema.getField("event_id")).isNotNull();
        assertThat(schema.getField("customer_id")).isNotNull();
        assertThat(schema.getField("event_time")).isNotNull();
        assertThat(schema.getField("event_time").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    }

    /** Avro's findings without the full schemas it would otherwise print. */
    private static List<String> describe(SchemaPairCompatibility pair) {
        return pair.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
    }

    private static void check(Schema schema, String path, List<String> problems) {
        if (schema.getDoc() == null || schema.getDoc().isBlank()) {
            problems.add(path + ": no doc on the record");
        }
        for (Schema.Field field : schema.getFields()) {
            String where = path + "." + field.name();
            if (field.doc() == null || field.doc().isBlank()) {
                problems.add(where + ": no doc");
            }
            if (!field.name().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
                problems.add(where + ": not snake_case");
            }
            Schema type = field.schema();
            if (type.getType() == Schema.Type.UNION) {
                List<Schema> branches = type.getTypes();
                if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL
                        || field.defaultVal() != org.apache.avro.JsonProperties.NULL_VALUE) {
                    problems.add(where + ": an optional field must be [\"null\", T] with default null");
                }
                type = branches.get(branches.size() - 1);
            }
            if (type.getType() == Schema.Type.ENUM && type.getEnumDefault() == null) {
                problems.add(where + ": enum " + type.getName() + " has no default symbol");
            }
            if (isTimeField(field.name()) && type.getLogicalType() != LogicalTypes.timestampMillis()) {
                problems.add(where + ": a time must be timestamp-millis");
            }
            if (type.getType() == Schema.Type.RECORD) {
                check(type, where, problems);
            }
        }
    }

    private static boolean isTimeField(String name) {
        return name.endsWith("_time") || name.startsWith("window_") || name.equals("detected_at");
    }
}
