package io.cxpulse.complaints.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One complaint, counted for one spike key ({@code SHIPPING}, or {@code SHIPPING/VOICE}), with
 * the attribute values the drill-down looks at. Also the per-bucket tally of such counts. A
 * Flink POJO.
 */
public final class SurgeCount {

    public String key;
    public long eventTimeMs;
    /** Attribute values of this complaint ({@code supplier=WH-A}, {@code channel=VOICE}) → 1, or a bucket's tally. */
    public Map<String, Long> perValue = new HashMap<>();
    public long count;

    public SurgeCount() {}

    /** Supplier value of a complaint whose order's shipment was not known when it was counted. */
    public static final String PENDING = "pending";
    /** Supplier value of a complaint that names no order. */
    public static final String NO_ORDER = "unattributed";

    /**
     * Spike keys of one opened complaint as it arrives: its category, and its category × channel
     * when known. Drill-down values: {@code supplier=} its supplier, {@value #PENDING} (it names
     * an order whose shipment is not known yet) or {@value #NO_ORDER}; {@code channel=} (category
     * key only); {@code team=} its owner team when it has one.
     */
    public static List<SurgeCount> of(AttributedComplaint complaint) {
        String supplier = "supplier=" + (complaint.supplierId != null ? complaint.supplierId
                : complaint.orderId != null ? PENDING : NO_ORDER);
        SurgeCount category = one(complaint.category, complaint, supplier);
        if (complaint.channel == null) {
            return List.of(category);
        }
        category.perValue.put("channel=" + complaint.channel, 1L);
        return List.of(category, one(complaint.category + "/" + complaint.channel, complaint, supplier));
    }

    private static SurgeCount one(String key, AttributedComplaint complaint, String supplier) {
        SurgeCount c = new SurgeCount();
        c.key = key;
        c.eventTimeMs = complaint.eventTimeMs;
        c.count = 1;
        c.perValue.put(supplier, 1L);
        if (complaint.ownerTeam != null) {
            c.perValue.put("team=" + complaint.ownerTeam, 1L);
        }
        return c;
    }

    /** Adds another count into this tally. */
    public void add(SurgeCount other) {
        count += other.count;
        other.perValue.forEach((value, n) -> perValue.merge(value, n, Long::sum));
    }
}
