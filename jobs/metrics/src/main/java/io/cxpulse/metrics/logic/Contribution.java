package io.cxpulse.metrics.logic;

/**
 * What one input event adds to one dimension value at one instant: the unit the metric windows
 * aggregate. A Flink POJO.
 */
public final class Contribution {

    /** A {@code Dimension} symbol: ALL, CHANNEL, QUEUE, TEAM, AGENT, SUPPLIER or CATEGORY. */
    public String dimension;
    public String value;
    /** When it counts (completion, survey, complaint or shipment time), epoch ms. */
    public long timeMs;
    public MetricCounts counts;

    public Contribution() {}

    public Contribution(String dimension, String value, long timeMs, MetricCounts counts) {
        this.dimension = dimension;
        this.value = value;
        this.timeMs = timeMs;
        this.counts = counts;
    }

    /** The window key: dimension and value. */
    public String key() {
        return key(dimension, value);
    }

    public static String key(String dimension, String value) {
        return dimension + "|" + value;
    }

    @Override
    public String toString() {
        return key() + "@" + timeMs + " " + counts;
    }
}
