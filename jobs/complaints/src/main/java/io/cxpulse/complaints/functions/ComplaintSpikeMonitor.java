package io.cxpulse.complaints.functions;

import io.cxpulse.common.alert.AlertIds;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.SurgeBaseline;
import io.cxpulse.complaints.logic.SurgeCount;
import io.cxpulse.complaints.logic.SurgeDrivers;
import io.cxpulse.complaints.logic.SurgeRule;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code COMPLAINT_SPIKE} per category and per category × channel, keyed by that key: opened
 * complaints are counted per bucket (5 min by default) and each bucket, once the watermark has
 * passed it, is judged by {@link SurgeRule} in bucket order, empty buckets included. An alert
 * names the supplier, channel and owner-team values that carry most of the excess
 * ({@link SurgeDrivers}). It counts complaints as they arrive at the order join, so a complaint
 * still waiting for its order's shipment is in its bucket, with supplier {@code pending}.
 *
 * <p>State: tallies of buckets not yet judged, the key's baseline (kept: one per category and
 * channel, a bounded set), the next bucket to judge. Death plan: a tally leaves when judged;
 * with no more complaints, buckets keep being judged (as zeros) only while an episode is open,
 * so it resolves. A complaint for a bucket already judged is counted in {@code lateEvents}.
 */
public final class ComplaintSpikeMonitor extends KeyedProcessFunction<String, SurgeCount, Alert> {

    private static final long serialVersionUID = 1L;

    static final String BUCKETS_STATE = "complaint-buckets";
    static final String BASELINE_STATE = "complaint-baseline";
    static final String NEXT_BUCKET_STATE = "next-bucket";
    /** Past this many empty buckets in a row (a week of 5-minute buckets) the rest are skipped. */
    static final int MAX_EMPTY_BUCKETS = 2016;

    private final ComplaintsConfig config;

    private transient long bucketMs;
    private transient SurgeRule rule;
    private transient MapState<Long, SurgeCount> buckets;
    private transient ValueState<SurgeBaseline> baseline;
    private transient ValueState<Long> nextBucket;
    private transient LateEvents lateEvents;

    public ComplaintSpikeMonitor(ComplaintsConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        bucketMs = config.spikeBucket().toMillis();
        rule = new SurgeRule(config);
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                BUCKETS_STATE, Types.LONG, TypeInformation.of(SurgeCount.class)));
        baseline = getRuntimeContext().getState(
                new ValueStateDescriptor<>(BASELINE_STATE, TypeInformation.of(SurgeBaseline.class)));
        nextBucket = getRuntimeContext().getState(new ValueStateDescriptor<>(NEXT_BUCKET_STATE, Types.LONG));
        lateEvents = LateEvents.register(getRuntimeContext(), "complaint-spike-monitor");
    }

    @Override
    public void processElement(SurgeCount count, Context ctx, Collector<Alert> out) throws Exception {
        long bucket = Math.floorDiv(count.eventTimeMs, bucketMs) * bucketMs;
        Long next = nextBucket.value();
        if (next != null && bucket < next) {
            lateEvents.dropped(count.count);
            return;
        }
        SurgeCount tally = buckets.get(bucket);
        if (tally == null) {
            tally = new SurgeCount();
            tally.key = count.key;
            tally.eventTimeMs = bucket;
        }
        tally.add(count);
        buckets.put(bucket, tally);
        ctx.timerService().registerEventTimeTimer(bucket + bucketMs);
    }

    @Override
    public void onTimer(long end, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long last = end - bucketMs;
        Long next = nextBucket.value();
        long from = next == null ? last : next;
        if ((last - from) / bucketMs > MAX_EMPTY_BUCKETS) {
            from = last - MAX_EMPTY_BUCKETS * bucketMs;
        }
        SurgeBaseline state = baseline.value();
        state = state == null ? new SurgeBaseline() : state;
        for (long bucket = from; bucket <= last; bucket += bucketMs) {
            SurgeCount tally = buckets.get(bucket);
            if (tally != null) {
                buckets.remove(bucket);
            }
            Map<String, Long> perValue = tally == null ? Map.of() : tally.perValue;
            Map<String, Double> usual = new HashMap<>(state.usual);
            SurgeRule.Step step = rule.next(state, tally == null ? 0 : tally.count, bucket, perValue);
            if (step.status() != null) {
                out.collect(alert(ctx.getCurrentKey(), step, bucket, perValue, usual));
            }
        }
        baseline.update(state);
        nextBucket.update(last + bucketMs);
        if (state.hasOpenEpisode()) {
            ctx.timerService().registerEventTimeTimer(end + bucketMs);
        }
    }

    private Alert alert(String key, SurgeRule.Step step, long bucket, Map<String, Long> perValue,
            Map<String, Double> usual) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("count", (double) step.count());
        evidence.put("baseline", step.baseline());
        evidence.put("p_value", step.pValue());
        evidence.put("ratio", step.ratio());
        List<String> reasons = new ArrayList<>();
        reasons.add("count=" + step.count());
        List<String> named = new ArrayList<>();
        if (step.status() != AlertStatus.RESOLVED) {
            for (String attribute : List.of("supplier=", "channel=", "team=")) {
                for (SurgeDrivers.Driver d : SurgeDrivers.top(attribute, perValue, usual, 3)) {
                    evidence.put("excess_share." + d.value(), d.shareOfExcess());
                    reasons.add("driver:" + d.value());
                    named.add(String.format(Locale.ROOT, "%s %.0f%%", d.value().substring(attribute.length()),
                            100 * d.shareOfExcess()));
                }
            }
        }
        String subject = key.toLowerCase(Locale.ROOT);
        String summary = step.status() == AlertStatus.RESOLVED
                ? "Complaints in " + subject + " are back to their usual level"
                : String.format(Locale.ROOT, "%d %s complaints in %d min against a usual %.1f%s", step.count(),
                        subject, bucketMs / 60_000, step.baseline(),
                        named.isEmpty() ? "" : "; excess from " + String.join(", ", named));
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(AlertKind.COMPLAINT_SPIKE, SubjectType.CATEGORY, key, step.episodeStartMs()))
                .setKind(AlertKind.COMPLAINT_SPIKE)
                .setStatus(step.status())
                .setSeverity(step.severity())
                .setSubjectType(SubjectType.CATEGORY)
                .setSubjectId(key)
                .setTeamId(null)
                .setCustomerId(null)
                .setSummary(summary)
                .setReasons(reasons)
                .setEvidence(evidence)
                .setWindowStart(Instant.ofEpochMilli(bucket))
                .setWindowEnd(Instant.ofEpochMilli(bucket + bucketMs))
                .setEventTime(Instant.ofEpochMilli(bucket + bucketMs))
                .setDetectedAt(Instant.now())
                .build();
    }
}
