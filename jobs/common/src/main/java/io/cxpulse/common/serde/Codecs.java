package io.cxpulse.common.serde;

import io.cxpulse.common.config.SerdeConfig;
import org.apache.avro.specific.SpecificRecordBase;

/** Picks the codec of the configured wire format ({@code serde.format}). */
public final class Codecs {

    private Codecs() {}

    public static <T extends SpecificRecordBase> RecordCodec<T> forRecord(Class<T> recordClass, SerdeConfig serde) {
        return switch (serde.format()) {
            case SINGLE_OBJECT -> SingleObjectCodec.forClass(recordClass);
            case CONFLUENT -> new ConfluentWireCodec<>(recordClass, new SchemaRegistryConfig(
                    serde.schemaRegistryUrl(), serde.schemaRegistryUserInfo(), serde.schemaRegistryTimeout()));
        };
    }
}
