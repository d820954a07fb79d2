package io.cxpulse.metrics;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.attribution.OrderAttribution;
import io.cxpulse.common.combine.PreAggregator;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.InteractionAssembler;
import io.cxpulse.common.interaction.SurveyContext;
import io.cxpulse.common.interaction.SurveyJoiner;
import io.cxpulse.metrics.functions.AgentCsatShrinkage;
import io.cxpulse.metrics.functions.ContributionCombining;
import io.cxpulse.metrics.functions.CountsAggregate;
import io.cxpulse.metrics.functions.FirstContactTracker;
import io.cxpulse.metrics.functions.LateContributions;
import io.cxpulse.metrics.functions.MetricWindowTrigger;
import io.cxpulse.metrics.functions.SnapshotWindowFunction;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The metrics topology: every input becomes contributions to dimension values (contacts when
 * they complete, surveys, opened complaints, shipments), which 1-minute and 1-hour tumbling
 * event-time windows add up incrementally into {@code MetricSnapshot}s. A function of its input
 * streams, so live Kafka, replay files and tests run the same graph.
 *
 * <pre>
 * calls, chats ─► InteractionAssembler ─► FirstContactTracker (by customer) ─► contact contributions ─┐
 *                        └──────────────► SurveyJoiner ◄─ surveys ─► survey QUEUE contributions ──────┤
 * surveys ─► ALL, CHANNEL, TEAM, AGENT ────────────────────────────────────────────────────────────────┤
 * complaints ─► ALL, CHANNEL, CATEGORY; ─► OrderAttribution ◄─ shipments ─► SUPPLIER ─────────────────┤
 * shipments ─► ALL, SUPPLIER ─────────────────────────────────────────────────────────────────────────┤
 *   ┌────────────────────────────────────────────────────────────────────────────────────────────────┘
 *   └► add up per value and minute, stamp ─► key DIMENSION|value ─┬► 1-min windows ─┬► AGENT ─► shrunk CSAT ─► snapshots
 *                                                                 └► 1-h windows ───┘ (too late: counted, dead letters)
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

    public static Outputs build(DataStream<CallEvent> calls, DataStream<ChatEvent> chats,
            DataStream<SurveyResponse> surveys, DataStream<ShipmentEvent> shipments,
            DataStream<ComplaintEvent> complaints, MetricsConfig config) {
        return fromInteractions(InteractionAssembler.assemble(calls, chats, config.interactionTimeout(),
                        config.allowedLateness(), "metrics-interaction-assembler"),
                surveys, shipments, complaints, config);
    }

    /**
     * The same on interactions assembled elsewhere, with this job's interaction timeout and
     * allowed lateness: the combined run of all jobs assembles them once for the metrics and
     * the experience pipeline.
     */
    public static Outputs fromInteractions(DataStream<InteractionAccumulator> interactions,
            DataStream<SurveyResponse> surveys, DataStream<ShipmentEvent> shipments,
            DataStream<ComplaintEvent> complaints, MetricsConfig config) {
        DataStream<ShipmentEvent> shipped = shipments
                .filter(s -> s.getType() == ShipmentEventType.SHIPPED)
                .name("Shipped orders")
                .uid("metrics-shipped-orders");
        DataStream<ComplaintEvent> opened = complaints.filter(c -> c.getType() == ComplaintEventType.OPENED)
                .name("Opened complaints")
                .uid("metrics-opened-complaints");
        DataStream<AttributedComplaint> withOrder = OrderAttribution.join(shipped, opened,
                config.shipmentRetention(), config.shipmentWait(), "metrics-");

        DataStream<Contribution> contacts = interactions
                .keyBy(FirstContactTracker::key, Types.STRING)
                .process(new FirstContactTracker(config.serviceLevel(), config.firstContactLookback()),
                        FirstContactTracker.OUTPUT_TYPE)
                .name("Count contacts and first-contact resolution")
                .uid("metrics-first-contact-tracker");

        DataStream<Contribution> surveyAnswers = surveys
                .flatMap((SurveyResponse s, Collector<Contribution> out) ->
                        Contributions.survey(s).forEach(out::collect), CONTRIBUTION_TYPE)
                .name("Count survey answers")
                .uid("metrics-surveys");
        DataStream<Contribution> surveyQueues = interactions
                .keyBy(i -> i.interactionId, Types.STRING)
                .connect(surveys.keyBy(SurveyResponse::getInteractionId, Types.STRING))
                .process(new SurveyJoiner(config.surveyWait(), config.surveyRetention()), SurveyJoiner.OUTPUT_TYPE)
                .name("Find the queue each survey rates")
                .uid("metrics-survey-join") // was "metrics-survey-joiner", whose state this cannot restore
                .flatMap((SurveyContext s, Collector<Contribution> out) -> {
                    if (s.joined) {
                        Contributions.surveyQueue(s.survey, s.queue).forEach(out::collect);
                    }
                }, CONTRIBUTION_TYPE)
                .name("Count survey answers per queue")
                .uid("metrics-survey-queues");

        DataStream<Contribution> complaintCounts = opened
                .flatMap((ComplaintEvent c, Collector<Contribution> out) ->
                        Contributions.complaint(c).forEach(out::collect), CONTRIBUTION_TYPE)
                .name("Count complaints")
                .uid("metrics-complaints");
        DataStream<Contribution> supplierComplaints = withOrder
                .flatMap((AttributedComplaint c, Collector<Contribution> out) -> {
                    if (c.isAttributed()) {
                        Contributions.attributedComplaint(c).forEach(out::collect);
                    }
                }, CONTRIBUTION_TYPE)
                .name("Count complaints per supplier")
                .uid("metrics-supplier-complaints");
        DataStream<Contribution> shipmentCounts = shipped
                .flatMap((ShipmentEvent s, Collector<Contribution> out) ->
                        Contributions.shipment(s).forEach(out::collect), CONTRIBUTION_TYPE)
                .name("Count shipments")
                .uid("metrics-shipments");

        ContributionCombining combining = new ContributionCombining(config.shortWindow(), config.longWindow());
        KeyedStream<Contribution, String> keyed = combined(contacts, "contacts", combining)
                .union(combined(surveyAnswers, "survey-answers", combining),
                        combined(surveyQueues, "survey-queues", combining),
                        combined(complaintCounts, "complaints", combining),
                        combined(supplierComplaints, "supplier-complaints", combining),
                        combined(shipmentCounts, "shipments", combining))
                .keyBy(Contribution::key, Types.STRING);

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
