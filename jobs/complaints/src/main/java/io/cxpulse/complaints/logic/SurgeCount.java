package io.cxpulse.complaints.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import java.util.HashMap;
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

    /** Spike keys of one opened complaint: its category, and its category × channel when known. */
    public static java.util.List<SurgeCount> of(AttributedComplaint complaint) {
        SurgeCount category = new SurgeCount();
        category.key = complaint.category;
        category.eventTimeMs = complaint.eventTimeMs;
        category.count = 1;
        category.perValue.put("supplier=" + (complaint.supplierId == null ? "unattributed" : complaint.supplierId), 1L);
        if (complaint.channel == null) {
            return java.util.List.of(category);
        }
        category.perValue.put("channel=" + complaint.channel, 1L);
        SurgeCount channel = new SurgeCount();
        channel.key = complaint.category + "/" + complaint.channel;
        channel.eventTimeMs = complaint.eventTimeMs;
        channel.count = 1;
        channel.perValue.put("supplier=" + (complaint.supplierId == null ? "unattributed" : complaint.supplierId), 1L);
        return java.util.List.of(category, channel);
    }

    /** Adds another count into this tally. */
    public void add(SurgeCount other) {
        count += other.count;
        other.perValue.forEach((value, n) -> perValue.merge(value, n, Long::sum));
    }
}
