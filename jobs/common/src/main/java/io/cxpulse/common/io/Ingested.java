package io.cxpulse.common.io;

import io.cxpulse.common.deadletter.DeadLetter;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * What a source emits for one input record: either the decoded, validated record or the dead
 * letter that explains why there is none. Decoding inside the source (rather than in an
 * operator after it) lets the source take {@code event_time} for per-partition watermarks;
 * {@link io.cxpulse.common.io.DeadLetterRouter} then splits the two apart.
 *
 * <p>A Flink POJO; {@link #typeInfo(Class)} gives it Avro's serializer for the record.
 */
public final class Ingested<T extends SpecificRecordBase> {

    public T record;
    public DeadLetter deadLetter;

    public Ingested() {}

    public static <T extends SpecificRecordBase> Ingested<T> ok(T record) {
        Ingested<T> i = new Ingested<>();
        i.record = record;
        return i;
    }

    public static <T extends SpecificRecordBase> Ingested<T> dead(DeadLetter deadLetter) {
        Ingested<T> i = new Ingested<>();
        i.deadLetter = deadLetter;
        return i;
    }

    public boolean isValid() {
        return record != null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends SpecificRecordBase> TypeInformation<Ingested<T>> typeInfo(Class<T> recordClass) {
        return (TypeInformation) Types.POJO(
                Ingested.class,
                Map.of("record", new AvroTypeInfo<>(recordClass),
                        "deadLetter", TypeInformation.of(DeadLetter.class)));
    }
}
