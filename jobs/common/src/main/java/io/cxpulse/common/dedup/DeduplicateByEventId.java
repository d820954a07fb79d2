package io.cxpulse.common.dedup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first record with a given {@code event_id} through and drops later ones: producers
 * retry, and a retried event must count once. Keyed by {@link #keyOf the id's 64-bit hash}
 * rather than the id: the state of a busy hour holds an entry per event, and a long key is
 * cheaper to compare, to keep (about half the bytes on the heap) and to checkpoint (8 bytes
 * instead of the id's characters). Two ids with one hash would count as one event: with
 * MurmurHash3's 64 bits and a million ids remembered, a new id meets an old one's hash with a
 * probability of about 5e-14.
 *
 * <p>State: one flag per event id. Death plan: state TTL of {@code horizon}, measured in
 * processing time from the first sighting (Flink's TTL has no event-time mode); a duplicate
 * that arrives later than that passes. Dropped duplicates are counted (metric
 * {@code duplicates}, accumulator {@code <input>.duplicates}), never silently lost.
 */
public final class DeduplicateByEventId<T> extends KeyedProcessFunction<Long, T, T> {

    private static final long serialVersionUID = 1L;

    static final String SEEN_STATE = "event-id-seen";

    private final String inputName;
    private final Duration horizon;

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient LongCounter duplicatesTotal;

    public DeduplicateByEventId(String inputName, Duration horizon) {
        this.inputName = inputName;
        this.horizon = horizon;
    }

    /** The key an event id is deduplicated under: the first 64 bits of its MurmurHash3 (x64, 128). */
    public static long keyOf(String eventId) {
        return MurmurHash3.hash128x64(eventId.getBytes(StandardCharsets.UTF_8))[0];
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>(SEEN_STATE, Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().addGroup("input", inputName).counter("duplicates");
        duplicatesTotal = getRuntimeContext().getLongCounter(inputName + ".duplicates");
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            duplicatesTotal.add(1);
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(record);
    }
}
