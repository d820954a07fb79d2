package io.cxpulse.complaints;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.combine.PreAggregator;
import io.cxpulse.complaints.functions.ComplaintSpikeMonitor;
import io.cxpulse.complaints.functions.ShareCountCombining;
import io.cxpulse.complaints.functions.SupplierShareMonitor;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.complaints.logic.SurgeCount;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.SupplierShare;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The complaint monitors of the one topology, after the customer core: supplier shares of
 * complaints tested against shares of shipments per complaint category over a sliding window,
 * and spikes per category and category × channel counted from complaints as they arrive, so
 * they are judged within minutes. The customer core attributes each OPENED complaint to the
 * supplier that shipped its order (shipments and complaints of one customer meet there).
 */
public final class ComplaintsPipeline {

    private static final TypeInformation<ShareCount> SHARE_COUNT_TYPE = TypeInformation.of(ShareCount.class);

    /** What the job writes: alerts to {@code cx.alerts.v1}, shares to {@code cx.supplier-shares.v1}. */
    public record Outputs(DataStream<Alert> alerts, DataStream<SupplierShare> supplierShares) {}

    private ComplaintsPipeline() {}

    /**
     * The complaint monitors over what the customer core sends: share counts (SHIPPED orders per
     * supplier, with no category: they count in every category; complaints per category and
     * supplier, or unattributed), added up per supplier and slide before they cross to the
     * supplier-share monitor of each category; and every OPENED complaint at its event time, with
     * its supplier when known by then, counted per category and category × channel by the spike
     * monitor.
     */
    public static Outputs fromCounts(DataStream<ShareCount> shareCounts, DataStream<AttributedComplaint> arrived,
            ComplaintsConfig config) {
        ShareCountCombining combining = new ShareCountCombining(config.shareSlide(), config.shipmentWait());
        SingleOutputStreamOperator<ShareCount> summed = combined(shareCounts, "share", combining);
        DataStream<ShareCount> perCategory = summed
                .<ShareCount>flatMap((sum, out) -> {
                    if (sum.category != null) {
                        out.collect(sum);
                        return;
                    }
                    // A shipment counts in every category: added up first, copied per category after.
                    for (ComplaintCategory category : ComplaintCategory.values()) {
                        out.collect(new ShareCount(category.name(), sum.supplierId, ShareCount.SHIPMENT,
                                sum.eventTimeMs, sum.count));
                    }
                }, SHARE_COUNT_TYPE)
                .name("Shipments for every category's shares")
                .uid("shipment-counts-per-category");
        SingleOutputStreamOperator<SupplierShare> shares = perCategory
                .keyBy(c -> c.category, Types.STRING)
                .process(new SupplierShareMonitor(config), new AvroTypeInfo<>(SupplierShare.class))
                .name("Supplier shares and outliers")
                .uid("supplier-share-monitor");
        DataStream<Alert> spikes = arrived
                .flatMap((AttributedComplaint a, org.apache.flink.util.Collector<SurgeCount> out) ->
                        SurgeCount.of(a).forEach(out::collect), TypeInformation.of(SurgeCount.class))
                .name("Complaints per category and channel")
                .uid("spike-counts")
                .keyBy(c -> c.key, Types.STRING)
                .process(new ComplaintSpikeMonitor(config), new AvroTypeInfo<>(Alert.class))
                .name("Complaint spikes")
                .uid("complaint-spike-monitor");
        return new Outputs(shares.getSideOutput(SupplierShareMonitor.ALERTS).union(spikes), shares);
    }

    /** Share counts added up per category, supplier and slide before they cross to the monitor. */
    private static SingleOutputStreamOperator<ShareCount> combined(DataStream<ShareCount> counts, String what,
            ShareCountCombining combining) {
        return counts
                .transform("Add up " + what + " counts per supplier and slide", SHARE_COUNT_TYPE,
                        new PreAggregator<>(combining))
                .uid(what + "-count-combiner");
    }
}
