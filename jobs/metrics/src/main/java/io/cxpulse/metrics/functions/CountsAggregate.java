package io.cxpulse.metrics.functions;

import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.MetricCounts;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds contributions into a window's counts, in place: the window keeps one accumulator, never the events. */
public final class CountsAggregate implements AggregateFunction<Contribution, MetricCounts, MetricCounts> {

    private static final long serialVersionUID = 1L;

    @Override
    public MetricCounts createAccumulator() {
        return new MetricCounts();
    }

    @Override
    public MetricCounts add(Contribution contribution, MetricCounts accumulator) {
        return accumulator.add(contribution.counts);
    }

    @Override
    public MetricCounts getResult(MetricCounts accumulator) {
        return accumulator;
    }

    @Override
    public MetricCounts merge(MetricCounts a, MetricCounts b) {
        return a.add(b);
    }
}
