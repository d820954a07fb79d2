package io.cxpulse.metrics.functions;

import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.Dimension;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts what the metric windows set aside as too late (behind the watermark by more than the
 * allowed lateness) from one window size, and passes it on for whoever wants to keep it.
 * Metrics under the group {@code window=<size>}: {@code lateEvents} counts input events (each
 * has exactly one ALL contribution), {@code lateContributions} every dimension value's share.
 */
public final class LateContributions extends ProcessFunction<Contribution, Contribution> {

    private static final long serialVersionUID = 1L;

    private final String windowLabel;

    private transient Counter lateEvents;
    private transient Counter lateContributions;

    /** @param windowLabel the window size, for the metric group ({@code PT1M}) */
    public LateContributions(String windowLabel) {
        this.windowLabel = windowLabel;
    }

    @Override
    public void open(OpenContext openContext) {
        var group = getRuntimeContext().getMetricGroup().addGroup("window", windowLabel);
        lateEvents = group.counter("lateEvents");
        lateContributions = group.counter("lateContributions");
    }

    @Override
    public void processElement(Contribution late, Context ctx, Collector<Contribution> out) {
        lateContributions.inc();
        if (Dimension.ALL.name().equals(late.dimension)) {
            lateEvents.inc();
        }
        out.collect(late);
    }
}
