package io.cxpulse.console.logic;

import io.cxpulse.schema.Dimension;
import java.util.List;

/**
 * One queue's (or team's) metrics: {@code live}, the latest long window (the open hour's early
 * record, or its final one), and {@code points}, the short windows of the last hours added up
 * into chart buckets.
 */
public record MetricSeries(Dimension dimension, String value, MetricPoint live, List<MetricPoint> points) {}
