package io.cxpulse.complaints.logic;

import java.util.HashMap;
import java.util.Map;

/**
 * Shipments and attributed complaints per supplier in one slide of the share window (an hour by
 * default). A window is the sum of its slides, so each event is counted once, in one slide, not
 * copied into every window that covers it. A Flink POJO (public fields, no-arg constructor).
 */
public final class SupplierCounts {

    public Map<String, Long> shipments = new HashMap<>();
    public Map<String, Long> complaints = new HashMap<>();
    /** Complaints of the category with no order, or no shipment known for their order. */
    public long unattributed;

    public SupplierCounts() {}

    public void addShipments(String supplier, long count) {
        shipments.merge(supplier, count, Long::sum);
    }

    public void addComplaints(String supplier, long count) {
        complaints.merge(supplier, count, Long::sum);
    }

    /** Adds another slide's counts into this one. */
    public SupplierCounts plus(SupplierCounts other) {
        other.shipments.forEach((k, v) -> shipments.merge(k, v, Long::sum));
        other.complaints.forEach((k, v) -> complaints.merge(k, v, Long::sum));
        unattributed += other.unattributed;
        return this;
    }

    public boolean isEmpty() {
        return shipments.isEmpty() && complaints.isEmpty() && unattributed == 0;
    }
}
