package io.cxpulse.common.time;

import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The one watermark strategy of every input: timestamps from {@code event_time}, a watermark
 * that trails the newest event time by {@code sources.max-out-of-orderness}, and idleness so a
 * silent partition does not hold time back.
 *
 * <p>A dead letter gets the smallest timestamp there is: it must not move the watermark, or a
 * garbage record carrying the broker's wall-clock time during a backfill would make every real
 * (older) event late.
 */
public final class Watermarks {

    private Watermarks() {}

    public static <T extends SpecificRecordBase> WatermarkStrategy<Ingested<T>> forInput(
            InputTopic<T> input, SourcesConfig sources) {
        return WatermarkStrategy.<Ingested<T>>forBoundedOutOfOrderness(sources.maxOutOfOrderness())
                .withTimestampAssigner((ingested, kafkaTimestamp) -> ingested.isValid()
                        ? input.eventTime().apply(ingested.record).toEpochMilli()
                        : Long.MIN_VALUE)
                .withIdleness(sources.idleness());
    }
}
