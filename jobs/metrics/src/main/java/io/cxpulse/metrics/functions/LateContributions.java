package io.cxpulse.metrics.functions;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.TooLate;
import io.cxpulse.schema.Dimension;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts what the metric windows of one size set aside as too late (behind the watermark by more
 * than the allowed lateness) and turns each into a dead letter, so it is not lost silently: reason
 * {@link DeadLetter#LATE}, the dimension value as key, and a readable JSON of what it would have
 * added ({@link TooLate}) as value. One dead letter per dimension value's share, since each share
 * is judged late on its own (a survey's QUEUE share comes out of a join later than its ALL share).
 *
 * <p>Metrics under the group {@code window=<size>}: {@code lateEvents} counts input events (each
 * has exactly one ALL contribution), {@code lateContributions} every dimension value's share; the
 * accumulator {@code late.dropped.metrics-window-<size>} counts the events too (see
 * {@link io.cxpulse.common.time.LateEvents}), for a replay's summary.
 * Stateless.
 */
public final class LateContributions extends ProcessFunction<Contribution, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The job named on the dead letters, whichever application runs the pipeline. */
    public static final String JOB = "metrics";
    public static final TypeInformation<DeadLetter> OUTPUT_TYPE = TypeInformation.of(DeadLetter.class);

    private final Duration windowSize;
    private final Duration allowedLateness;

    private transient Counter lateEvents;
    private transient Counter lateContributions;
    private transient LongCounter lateTotal;

    public LateContributions(Duration windowSize, Duration allowedLateness) {
        this.windowSize = windowSize;
        this.allowedLateness = allowedLateness;
    }

    /** What the dead letters name as their source: the window operator of this size. */
    public static String source(Duration windowSize) {
        return "metrics window " + windowSize;
    }

    @Override
    public void open(OpenContext openContext) {
        var group = getRuntimeContext().getMetricGroup().addGroup("window", windowSize.toString());
        lateEvents = group.counter("lateEvents");
        lateContributions = group.counter("lateContributions");
        lateTotal = getRuntimeContext().getLongCounter(LateEvents.droppedAccumulator("metrics-window-" + windowSize));
    }

    @Override
    public void processElement(Contribution late, Context ctx, Collector<DeadLetter> out) {
        lateContributions.inc();
        if (Dimension.ALL.name().equals(late.dimension)) {
            lateEvents.inc();
            lateTotal.add(1);
        }
        out.collect(DeadLetter.late(JOB, source(windowSize), late.key().getBytes(UTF_8),
                TooLate.json(late, windowSize, allowedLateness), LateContributions.class.getName(),
                TooLate.message(late, windowSize, allowedLateness)));
    }
}
