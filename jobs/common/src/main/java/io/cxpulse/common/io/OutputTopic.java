package io.cxpulse.common.io;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.Interaction;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import java.io.Serializable;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One output of the contract: record class, replay file and Kafka key. Keys follow
 * CONTRACT.md: an alert by its id; a metric snapshot by dimension, value, window start and
 * size (so {@code cx.metrics.v1} can be compacted, last value per key wins); a supplier share
 * by category, supplier and window; an interaction by its call or chat id.
 */
public record OutputTopic<T extends SpecificRecordBase>(
        String name, Class<T> recordClass, String replayFile, SerializableFunction<T, String> key)
        implements Serializable {

    public static final OutputTopic<Alert> ALERTS =
            new OutputTopic<>("alerts", Alert.class, "alerts.jsonl", Alert::getAlertId);

    public static final OutputTopic<MetricSnapshot> METRICS = new OutputTopic<>(
            "metrics", MetricSnapshot.class, "metrics.jsonl",
            m -> m.getDimension() + "|" + m.getDimensionValue() + "|" + m.getWindowStart().toEpochMilli()
                    + "|" + (m.getWindowEnd().toEpochMilli() - m.getWindowStart().toEpochMilli()));

    public static final OutputTopic<SupplierShare> SUPPLIER_SHARES = new OutputTopic<>(
            "supplier-shares", SupplierShare.class, "supplier-shares.jsonl",
            s -> s.getCategory() + "|" + s.getSupplierId() + "|" + s.getWindowStart().toEpochMilli()
                    + "|" + (s.getWindowEnd().toEpochMilli() - s.getWindowStart().toEpochMilli()));

    public static final OutputTopic<Interaction> INTERACTIONS = new OutputTopic<>(
            "interactions", Interaction.class, "interactions.jsonl", Interaction::getInteractionId);

    public static final List<OutputTopic<?>> ALL = List.of(ALERTS, METRICS, SUPPLIER_SHARES, INTERACTIONS);

    public TypeInformation<T> typeInfo() {
        return new AvroTypeInfo<>(recordClass);
    }

    @Override
    public String toString() {
        return name;
    }
}
