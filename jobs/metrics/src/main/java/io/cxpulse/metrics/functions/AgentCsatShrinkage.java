package io.cxpulse.metrics.functions;

import io.cxpulse.common.stats.BetaBinomialPrior.Tally;
import io.cxpulse.common.stats.BetaBinomialPrior;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds the empirical-Bayes shrunk CSAT ({@code csat_shrunk_pct}) to AGENT snapshots: a beta
 * prior fitted across all agents of the same window ({@link BetaBinomialPrior}), keyed by
 * window (start and end).
 *
 * <ul>
 *   <li>A final record waits until the watermark passes the window's end, when every agent's
 *       final of that window has arrived; then the prior is fitted over all of them and they all
 *       go out.
 *   <li>An early record (an open window) goes out at once, with the prior fitted over the latest
 *       records of that window's agents so far.
 *   <li>A corrected final (late data) goes out at once, with the prior refitted including it;
 *       the other agents of the window are not re-sent.
 * </ul>
 *
 * <p>State per window: each agent's latest CSAT tally, and the finals waiting for the
 * watermark. Death plan: cleared by a timer when the window's allowed lateness has passed, set by
 * every record that stores a tally (early, final or corrected final alike).
 */
public final class AgentCsatShrinkage extends KeyedProcessFunction<String, MetricSnapshot, MetricSnapshot> {

    private static final long serialVersionUID = 1L;

    static final String TALLY_STATE = "agent-csat";
    static final String WAITING_STATE = "finals-waiting";

    private static final TypeInformation<MetricSnapshot> SNAPSHOT_TYPE = new AvroTypeInfo<>(MetricSnapshot.class);

    private final long allowedLatenessMs;

    private transient MapState<String, long[]> tallies;
    private transient ListState<MetricSnapshot> waiting;

    public AgentCsatShrinkage(Duration allowedLateness) {
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    /** The key: the window of the snapshot. */
    public static String key(MetricSnapshot snapshot) {
        return snapshot.getWindowStart().toEpochMilli() + "|" + snapshot.getWindowEnd().toEpochMilli();
    }

    @Override
    public void open(OpenContext openContext) {
        tallies = getRuntimeContext().getMapState(new MapStateDescriptor<>(TALLY_STATE, Types.STRING,
                TypeInformation.of(long[].class)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>(WAITING_STATE, SNAPSHOT_TYPE));
    }

    @Override
    public void processElement(MetricSnapshot snapshot, Context ctx, Collector<MetricSnapshot> out) throws Exception {
        tallies.put(snapshot.getDimensionValue(),
                new long[] {snapshot.getCsatResponses(), snapshot.getCsatSatisfied()});
        long lastMs = snapshot.getWindowEnd().toEpochMilli() - 1;
        // Whatever kind of record stored the tally, the clean-up timer is set: a corrected final
        // can be the first record of its window here (its window's other agents had no data).
        ctx.timerService().registerEventTimeTimer(lastMs + allowedLatenessMs + 1);
        if (snapshot.getFinal$() && ctx.timerService().currentWatermark() < lastMs) {
            waiting.add(snapshot);
            ctx.timerService().registerEventTimeTimer(lastMs);
            return;
        }
        out.collect(withShrunkCsat(snapshot, prior()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricSnapshot> out) throws Exception {
        List<MetricSnapshot> due = new ArrayList<>();
        waiting.get().forEach(due::add);
        if (!due.isEmpty()) {
            Optional<BetaBinomialPrior> prior = prior();
            for (MetricSnapshot snapshot : due) {
                out.collect(withShrunkCsat(snapshot, prior));
            }
            waiting.clear();
        }
        String key = ctx.getCurrentKey();
        long windowEnd = Long.parseLong(key.substring(key.indexOf('|') + 1));
        if (timestamp >= windowEnd + allowedLatenessMs) {
            tallies.clear();
        }
    }

    private Optional<BetaBinomialPrior> prior() throws Exception {
        List<Tally> units = new ArrayList<>();
        for (Map.Entry<String, long[]> e : tallies.entries()) {
            units.add(new Tally(e.getValue()[0], e.getValue()[1]));
        }
        return BetaBinomialPrior.fit(units);
    }

    static MetricSnapshot withShrunkCsat(MetricSnapshot snapshot, Optional<BetaBinomialPrior> prior) {
        MetricSnapshot copy = MetricSnapshot.newBuilder(snapshot).build();
        copy.setCsatShrunkPct(prior.isEmpty() || snapshot.getCsatResponses() == 0 ? null
                : 100 * prior.get().shrink(snapshot.getCsatSatisfied(), snapshot.getCsatResponses()));
        return copy;
    }
}
