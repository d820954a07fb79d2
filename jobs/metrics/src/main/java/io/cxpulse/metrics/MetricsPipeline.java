package io.cxpulse.metrics;

import io.cxpulse.common.combine.PreAggregator;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.metrics.functions.AgentCsatShrinkage;
import io.cxpulse.metrics.functions.ContributionCombining;
import io.cxpulse.metrics.functions.CountsAggregate;
import io.cxpulse.metrics.functions.LateContributions;
import io.cxpulse.metrics.functions.MetricWindowTrigger;
import io.cxpulse.metrics.functions.SnapshotWindowFunction;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The metric windows of the one topology, after the customer core: the contributions it sends
 * (contacts when they complete, surveys and the queue each rates, opened complaints and their
 * suppliers, shipments) are added up per dimension value and minute, then 1-minute and 1-hour
 * tumbling event-time windows add them up incrementally into {@code MetricSnapshot}s.
 *
 * <pre>
 * contributions ─► add up per value and minute, stamp ─► key DIMENSION|value ─┬► 1-min windows ─┬► AGENT ─► shrunk CSAT ─► snapshots
 *                                                                             └► 1-h windows ───┘ (too late: counted, dead letters)
 * </pre>
 */
public final class MetricsPipeline {

    public static final TypeInformation<MetricSnapshot> SNAPSHOT_TYPE = new AvroTypeInfo<>(MetricSnapshot.class);
    private static final TypeInformation<Contribution> CONTRIBUTION_TYPE = TypeInformation.of(Contribution.class);
    private static final TypeInformation<MetricCounts> COUNTS_TYPE = TypeInformation.of(MetricCounts.class);

    /**
     * @param metrics every snapshot: final, corrected final and early records
     * @param late dead letters (reason {@code LATE}) for each dimension value's share of an event
     *     that arrived after its window's allowed lateness (counted in {@code lateEvents}); every
     *     caller writes them where it writes the input's dead letters
     */
    public record Outputs(DataStream<MetricSnapshot> metrics, DataStream<DeadLetter> late) {}

    private MetricsPipeline() {}

    /**
     * The metric windows over the contributions the customer core sends (contacts, surveys and
     * their queues, complaints and their suppliers, shipments): added up per dimension value and
     * minute before they cross, then keyed by dimension value into the 1-minute and 1-hour windows.
     */
    public static Outputs fromContributions(DataStream<Contribution> contributions, MetricsConfig config) {
        ContributionCombining combining = new ContributionCombining(config.shortWindow(), config.longWindow());
        KeyedStream<Contribution, String> keyed = combined(contributions, "contributions", combining)
                .keyBy(Contribution::key, Types.STRING);
        return windows(keyed, config);
    }

    private static Outputs windows(KeyedStream<Contribution, String> keyed, MetricsConfig config) {
        Windowed shortWindows = window(keyed, config.shortWindow(), Duration.ZERO, config.allowedLateness());
        Windowed longWindows = window(keyed, config.longWindow(), config.earlyUpdates(), config.allowedLateness());

        DataStream<MetricSnapshot> all = shortWindows.snapshots().union(longWindows.snapshots());
        DataStream<MetricSnapshot> agents = all
                .filter(s -> s.getDimension() == Dimension.AGENT)
                .name("Agent snapshots")
                .uid("metrics-agent-snapshots")
                .keyBy(AgentCsatShrinkage::key, Types.STRING)
                .process(new AgentCsatShrinkage(config.allowedLateness()), SNAPSHOT_TYPE)
                .name("Shrink agents' CSAT (empirical Bayes)")
                .uid("metrics-agent-csat-shrinkage");
        DataStream<MetricSnapshot> others = all
                .filter(s -> s.getDimension() != Dimension.AGENT)
                .name("Other snapshots")
                .uid("metrics-other-snapshots");
        return new Outputs(others.union(agents), shortWindows.late().union(longWindows.late()));
    }

    /**
     * The contributions of one stream added up per dimension value and minute before they cross
     * to the windows (a hundredfold fewer records for the busy values), each stamped with the
     * time it counts at: a survey's queue and a complaint's supplier come out of a join when the
     * other side arrived, and restamped they land in the window of their own time (when that
     * window has closed, the window operator treats them as the late data they are).
     */
    private static DataStream<Contribution> combined(DataStream<Contribution> contributions, String what,
            ContributionCombining combining) {
        return contributions
                .transform("Add up " + what + " per dimension value and minute", CONTRIBUTION_TYPE,
                        new PreAggregator<>(combining))
                .uid("metrics-combine-" + what);
    }

    private record Windowed(DataStream<MetricSnapshot> snapshots, DataStream<DeadLetter> late) {}

    private static Windowed window(KeyedStream<Contribution, String> keyed, Duration size, Duration earlyUpdates,
            Duration allowedLateness) {
        String label = size.toString();
        OutputTag<Contribution> lateTag = new OutputTag<>("late-" + label, CONTRIBUTION_TYPE);
        SingleOutputStreamOperator<MetricSnapshot> snapshots = keyed
                .window(TumblingEventTimeWindows.of(size))
                .trigger(MetricWindowTrigger.withEarlyUpdates(earlyUpdates))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(lateTag)
                .aggregate(new CountsAggregate(), new SnapshotWindowFunction(), COUNTS_TYPE, COUNTS_TYPE,
                        SNAPSHOT_TYPE)
                .name("Metrics per " + label + " window")
                .uid("metrics-window-" + label);
        DataStream<DeadLetter> late = snapshots.getSideOutput(lateTag)
                .process(new LateContributions(size, allowedLateness), LateContributions.OUTPUT_TYPE)
                .name("Set aside late contributions, " + label + " windows")
                .uid("metrics-late-" + label);
        return new Windowed(snapshots, late);
    }
}
