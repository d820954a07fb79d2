package io.cxpulse.common.time;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * Counts an operator's events that arrived behind the watermark, so that lateness is never
 * silent: an event {@link #dropped} (too late to count anywhere), or one {@link #appliedLate}
 * (still applied, out of event-time order). Each count is a Flink metric of the operator
 * ({@code lateEvents}, {@code lateEventsApplied}) for the live view and an accumulator
 * ({@code late.dropped.<operator>}, {@code late.applied.<operator>}) that a bounded run (replay)
 * reports in its summary; {@link #fromAccumulators} reads them back.
 */
public final class LateEvents {

    static final String DROPPED = "late.dropped.";
    static final String APPLIED = "late.applied.";

    private final Counter droppedMetric;
    private final Counter appliedMetric;
    private final LongCounter droppedTotal;
    private final LongCounter appliedTotal;

    private LateEvents(Counter droppedMetric, Counter appliedMetric, LongCounter droppedTotal, LongCounter appliedTotal) {
        this.droppedMetric = droppedMetric;
        this.appliedMetric = appliedMetric;
        this.droppedTotal = droppedTotal;
        this.appliedTotal = appliedTotal;
    }

    /**
     * The counters of one operator, registered in its {@code open}.
     *
     * @param operator a stable name, the same for every subtask (its uid, say)
     */
    public static LateEvents register(RuntimeContext context, String operator) {
        return register(context, operator, operator);
    }

    /**
     * The counters of one Flink operator that does the work of two: what it drops counted as
     * {@code droppedBy}'s, what it applies late as {@code appliedBy}'s, in the summary; one pair
     * of metrics, since an operator's metric group holds each name once (a second registration
     * would be refused and never report).
     */
    public static LateEvents register(RuntimeContext context, String droppedBy, String appliedBy) {
        return new LateEvents(
                context.getMetricGroup().counter("lateEvents"),
                context.getMetricGroup().counter("lateEventsApplied"),
                context.getLongCounter(droppedAccumulator(droppedBy)),
                context.getLongCounter(APPLIED + appliedBy));
    }

    /** The accumulator that counts what {@code operator} dropped, for operators that count on their own. */
    public static String droppedAccumulator(String operator) {
        return DROPPED + operator;
    }

    /** {@code n} events too late to be counted by this operator. */
    public void dropped(long n) {
        droppedMetric.inc(n);
        droppedTotal.add(n);
    }

    /** One event behind the watermark that this operator still applied, out of order. */
    public void appliedLate() {
        appliedMetric.inc();
        appliedTotal.add(1);
    }

    /** Per operator, what a finished job's accumulators say. */
    public record Report(Map<String, Long> dropped, Map<String, Long> applied) {

        public long totalDropped() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The late counts among a finished job's accumulator results (name → value). */
    public static Report fromAccumulators(Map<String, Object> accumulators) {
        Map<String, Long> dropped = new TreeMap<>();
        Map<String, Long> applied = new TreeMap<>();
        accumulators.forEach((name, value) -> {
            if (name.startsWith(DROPPED) && value instanceof Long n) {
                dropped.put(name.substring(DROPPED.length()), n);
            } else if (name.startsWith(APPLIED) && value instanceof Long n) {
                applied.put(name.substring(APPLIED.length()), n);
            }
        });
        return new Report(dropped, applied);
    }
}
