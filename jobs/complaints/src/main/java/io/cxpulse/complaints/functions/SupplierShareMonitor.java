package io.cxpulse.complaints.functions;

import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.OutlierEpisode;
import io.cxpulse.complaints.logic.OutlierPolicy;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.complaints.logic.SupplierAlerts;
import io.cxpulse.complaints.logic.SupplierCounts;
import io.cxpulse.complaints.logic.SupplierScan;
import io.cxpulse.common.stats.Ratio;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.SupplierShare;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Supplier shares of one complaint category, keyed by category, over a sliding event-time
 * window (24 h advancing hourly by default) without copying events into every window: each
 * shipment or complaint is added once to the counts of its slide, and at each slide end the
 * window is the sum of its slides. Emits one {@code SupplierShare} per supplier and window, and
 * {@code SUPPLIER_OUTLIER} alerts (side output {@link #ALERTS}) as {@link OutlierPolicy} says.
 *
 * <p>A window is judged once the watermark has passed its end plus {@code shipment-wait}, the
 * time the order join may hold a complaint back: by then every complaint of the window has left
 * the join, attributed or (its shipment never came) unattributed, and is counted in the window
 * of its own event time rather than arriving late. The price is that a window's verdict comes
 * {@code shipment-wait} (1 h by default) after the window ends.
 *
 * <p>State: counts per slide for the slides still inside a future window, the open episodes.
 * Death plan: a slide leaves once no later window covers it; an episode leaves on RESOLVED;
 * with no more data, windows keep closing (empty) only while an episode is open, so it resolves.
 */
public final class SupplierShareMonitor extends KeyedProcessFunction<String, ShareCount, SupplierShare> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("supplier-outlier-alerts",
            new AvroTypeInfo<>(Alert.class));

    static final String SLIDES_STATE = "supplier-counts-per-slide";
    static final String EPISODES_STATE = "supplier-outlier-episodes";

    private final ComplaintsConfig config;

    private transient long slideMs;
    private transient long windowMs;
    /** How long after its end a window waits for complaints still held by the order join. */
    private transient long holdMs;
    private transient SupplierScan scan;
    private transient OutlierPolicy policy;
    private transient MapState<Long, SupplierCounts> slides;
    private transient MapState<String, OutlierEpisode> episodes;
    private transient LateEvents lateEvents;

    public SupplierShareMonitor(ComplaintsConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        slideMs = config.shareSlide().toMillis();
        windowMs = config.shareWindow().toMillis();
        holdMs = config.shipmentWait().toMillis();
        scan = new SupplierScan(config.alpha(), config.minLift(), config.minComplaints());
        policy = new OutlierPolicy(config.alpha(), config.minLift(), config.resolveAfterWindows());
        slides = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                SLIDES_STATE, Types.LONG, TypeInformation.of(SupplierCounts.class)));
        episodes = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                EPISODES_STATE, Types.STRING, TypeInformation.of(OutlierEpisode.class)));
        lateEvents = LateEvents.register(getRuntimeContext(), "supplier-share-monitor");
    }

    @Override
    public void processElement(ShareCount count, Context ctx, Collector<SupplierShare> out) throws Exception {
        long slideStart = Math.floorDiv(count.eventTimeMs, slideMs) * slideMs;
        long firstWindowEnd = slideStart + slideMs;
        long watermark = ctx.timerService().currentWatermark();
        if (firstWindowEnd + windowMs - slideMs + holdMs <= watermark) {
            lateEvents.dropped(count.count); // every window covering it has closed
            return;
        }
        if (firstWindowEnd + holdMs <= watermark) {
            lateEvents.appliedLate(); // counted in the windows still to close only
        }
        SupplierCounts counts = slides.get(slideStart);
        if (counts == null) {
            counts = new SupplierCounts();
            // The windows this slide is in, once: not per event. A window already judged is not
            // judged again for a late event.
            for (long end = firstWindowEnd; end < firstWindowEnd + windowMs; end += slideMs) {
                if (end + holdMs > watermark) {
                    ctx.timerService().registerEventTimeTimer(end + holdMs);
                }
            }
        }
        switch (count.what) {
            case ShareCount.SHIPMENT -> counts.addShipments(count.supplierId, count.count);
            case ShareCount.COMPLAINT -> counts.addComplaints(count.supplierId, count.count);
            default -> counts.unattributed += count.count;
        }
        slides.put(slideStart, counts);
    }

    @Override
    public void onTimer(long judgedAt, OnTimerContext ctx, Collector<SupplierShare> out) throws Exception {
        long windowEnd = judgedAt - holdMs;
        long windowStart = windowEnd - windowMs;
        SupplierCounts window = new SupplierCounts();
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, SupplierCounts> slide : slides.entries()) {
            long start = slide.getKey();
            if (start >= windowStart && start < windowEnd) {
                window.plus(slide.getValue());
            }
            if (start < windowStart + slideMs) { // no later window covers it
                expired.add(start);
            }
        }
        for (Long start : expired) {
            slides.remove(start);
        }
        String category = ctx.getCurrentKey();
        List<SupplierScan.Result> results = window.isEmpty() ? List.of() : scan.scan(window.shipments, window.complaints);
        Map<String, SupplierScan.Result> bySupplier = new HashMap<>();
        for (SupplierScan.Result r : results) {
            bySupplier.put(r.supplier(), r);
            out.collect(share(category, r, windowStart, windowEnd));
        }
        for (SupplierScan.Result r : results) {
            step(ctx, category, r, episodes.get(r.supplier()), window.unattributed, windowStart, windowEnd);
        }
        List<Map.Entry<String, OutlierEpisode>> absent = new ArrayList<>();
        for (Map.Entry<String, OutlierEpisode> e : episodes.entries()) {
            if (!bySupplier.containsKey(e.getKey())) {
                absent.add(e);
            }
        }
        for (Map.Entry<String, OutlierEpisode> e : absent) {
            SupplierScan.Result none = new SupplierScan.Result(e.getKey(), 0, 0, 0, 0, null, 1, 1, false,
                    Ratio.UNDEFINED);
            step(ctx, category, none, e.getValue(), window.unattributed, windowStart, windowEnd);
        }
        if (!episodes.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(judgedAt + slideMs);
        }
    }

    private void step(OnTimerContext ctx, String category, SupplierScan.Result r, OutlierEpisode open,
            long unattributed, long windowStart, long windowEnd) throws Exception {
        OutlierPolicy.Step step = policy.next(open, r, windowEnd);
        if (step.status() != null) {
            OutlierEpisode episode = step.episode() != null ? step.episode() : open;
            ctx.output(ALERTS, SupplierAlerts.outlier(step.status(), episode, category, r, unattributed,
                    windowStart, windowEnd, Instant.now()));
        }
        if (step.episode() == null) {
            if (open != null) {
                episodes.remove(r.supplier());
            }
        } else {
            episodes.put(r.supplier(), step.episode());
        }
    }

    private static SupplierShare share(String category, SupplierScan.Result r, long windowStart, long windowEnd) {
        return SupplierShare.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setCategory(ComplaintCategory.valueOf(category))
                .setSupplierId(r.supplier())
                .setShipments(r.shipments())
                .setComplaints(r.complaints())
                .setShipmentShare(r.shipmentShare())
                .setComplaintShare(r.complaintShare())
                .setLift(r.lift())
                .setPValue(r.pValue())
                .setQValue(r.qValue())
                .setFlagged(r.flagged())
                .build();
    }
}
