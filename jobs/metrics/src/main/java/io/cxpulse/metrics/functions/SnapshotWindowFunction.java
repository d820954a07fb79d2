package io.cxpulse.metrics.functions;

import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.metrics.logic.MetricSnapshots;
import io.cxpulse.schema.MetricSnapshot;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's counts into a {@code MetricSnapshot} for its key ({@code DIMENSION|value}).
 * A firing after the watermark passed the window's end is final; an earlier one (an early
 * update) is not. Counts {@code finalRecords}, {@code correctedFinalRecords} (a final for a
 * window that already had one) and {@code earlyRecords}.
 *
 * <p>State: whether the window's final went out, per key and window; cleared with the window.
 */
public final class SnapshotWindowFunction
        extends ProcessWindowFunction<MetricCounts, MetricSnapshot, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    static final ValueStateDescriptor<Boolean> FINAL_EMITTED = new ValueStateDescriptor<>("final-emitted", Types.BOOLEAN);

    private transient Counter finals;
    private transient Counter corrections;
    private transient Counter early;

    @Override
    public void open(OpenContext openContext) {
        finals = getRuntimeContext().getMetricGroup().counter("finalRecords");
        corrections = getRuntimeContext().getMetricGroup().counter("correctedFinalRecords");
        early = getRuntimeContext().getMetricGroup().counter("earlyRecords");
    }

    @Override
    public void process(String key, Context ctx, Iterable<MetricCounts> counts, Collector<MetricSnapshot> out)
            throws Exception {
        TimeWindow window = ctx.window();
        boolean isFinal = ctx.currentWatermark() >= window.maxTimestamp();
        if (isFinal) {
            ValueState<Boolean> emitted = ctx.windowState().getState(FINAL_EMITTED);
            if (emitted.value() != null) {
                corrections.inc();
            } else {
                emitted.update(true);
            }
            finals.inc();
        } else {
            early.inc();
        }
        int bar = key.indexOf('|');
        out.collect(MetricSnapshots.of(key.substring(0, bar), key.substring(bar + 1), window.getStart(),
                window.getEnd(), isFinal, counts.iterator().next()));
    }

    @Override
    public void clear(Context ctx) throws Exception {
        ctx.windowState().getState(FINAL_EMITTED).clear();
    }
}
