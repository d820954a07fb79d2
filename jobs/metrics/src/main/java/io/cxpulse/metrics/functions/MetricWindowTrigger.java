package io.cxpulse.metrics.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * When a metric window emits, never purging (its counts stay until the window's lateness has
 * passed, when the window operator clears it):
 *
 * <ul>
 *   <li>once when the watermark passes its end: the final record;
 *   <li>again for each element that arrives after that, within the allowed lateness: a corrected
 *       final record (later elements never reach the trigger: the operator sets them aside);
 *   <li>while it is open, if {@code earlyUpdates} is positive: at most once per that interval
 *       of processing time, and only after new data arrived: an early record. An idle key
 *       keeps no timer.
 * </ul>
 *
 * <p>State: the pending early-update timer's time, per key and window; cleared with the window.
 */
public final class MetricWindowTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    static final ValueStateDescriptor<Long> EARLY_TIMER =
            new ValueStateDescriptor<>("early-update-timer", Types.LONG);

    private final long earlyUpdatesMs;

    private MetricWindowTrigger(long earlyUpdatesMs) {
        this.earlyUpdatesMs = earlyUpdatesMs;
    }

    /** Final and corrected records only. */
    public static MetricWindowTrigger finalOnly() {
        return new MetricWindowTrigger(0);
    }

    /** Final and corrected records, and early ones at most every {@code interval} (zero: none). */
    public static MetricWindowTrigger withEarlyUpdates(Duration interval) {
        return new MetricWindowTrigger(interval.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        if (earlyUpdatesMs > 0) {
            ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
            if (early.value() == null) {
                long at = ctx.getCurrentProcessingTime() + earlyUpdatesMs;
                ctx.registerProcessingTimeTimer(at);
                early.update(at);
            }
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
        if (early.value() == null || early.value() != time) {
            return TriggerResult.CONTINUE;
        }
        early.clear();
        return window.maxTimestamp() <= ctx.getCurrentWatermark() ? TriggerResult.CONTINUE : TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time != window.maxTimestamp()) {
            return TriggerResult.CONTINUE;
        }
        cancelEarlyUpdate(ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        cancelEarlyUpdate(ctx);
    }

    private void cancelEarlyUpdate(TriggerContext ctx) throws Exception {
        if (earlyUpdatesMs <= 0) {
            return;
        }
        ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
        if (early.value() != null) {
            ctx.deleteProcessingTimeTimer(early.value());
            early.clear();
        }
    }

    @Override
    public String toString() {
        return earlyUpdatesMs > 0 ? "MetricWindowTrigger(early every " + earlyUpdatesMs + " ms)" : "MetricWindowTrigger";
    }
}
