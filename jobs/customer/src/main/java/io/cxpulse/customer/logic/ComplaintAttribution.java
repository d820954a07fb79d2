package io.cxpulse.customer.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.attribution.ShippedOrder;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A customer's orders and the complaints about them: each OPENED complaint about an order is
 * attributed to the supplier (and carrier) that shipped it, in either arrival order. Shipments
 * and complaints of one customer meet here.
 *
 * <p>A complaint is counted at its event time: in the metrics (all, channel, category), and for
 * the spike monitor with its supplier when the shipment is known by then (every shipment up to
 * that time has arrived, so a replay names the same supplier), else as pending or, without an
 * order, unattributed. For the supplier shares it waits up to {@code shareWait} (event time) for
 * its shipment, then counts unattributed: counted, never dropped. The metrics count its supplier
 * only when the shipment comes within their shorter {@code metricsWait}, so the count does not
 * come after its window was judged.
 *
 * <p>A SHIPPED event counts for its supplier in the shares and the metrics, and its order is
 * kept {@code retention} for the complaints to come: the supplier, carrier and time only
 * ({@link ShippedOrder}). Other shipment events do not change the supplier.
 *
 * <p>A Flink POJO (public fields): part of the customer's state. Death plan: an order counts
 * for {@code retention} after it shipped and leaves at the customer's next wake-up after that
 * ({@link #lastForget}); a waiting complaint leaves when its shipment comes or its wait ends.
 */
public final class ComplaintAttribution {

    /** Shipped orders by id. */
    public Map<String, ShippedOrder> orders = new HashMap<>();
    /** Complaints waiting for their order's shipment. */
    public List<WaitingComplaint> waiting = new ArrayList<>();

    /** A complaint about an order not shipped yet, as far as we know. A Flink POJO. */
    public static final class WaitingComplaint {
        public AttributedComplaint complaint;
        /** Until when its supplier still counts in the metrics. */
        public long metricsUntil;
        /** Until when it waits for the supplier shares. */
        public long sharesUntil;

        public WaitingComplaint() {}
    }

    public ComplaintAttribution() {}

    /** A SHIPPED event, as it arrives ({@code watermark}: where event time stands). */
    public void onShipped(ShipmentEvent shipped, long watermark, long retentionMs, CoreEmitter out) {
        ShippedOrder order = ShippedOrder.of(shipped);
        out.shareCount(new ShareCount(null, order.supplierId, ShareCount.SHIPMENT, order.shippedAtMs));
        Contributions.shipment(shipped).forEach(out::contribution);
        ShippedOrder known = orders.get(shipped.getOrderId());
        if (known != null && known.shippedAtMs + retentionMs > watermark) {
            return; // a second SHIPPED of the same order: the first one's supplier stands
        }
        orders.put(shipped.getOrderId(), order);
        Iterator<WaitingComplaint> it = waiting.iterator();
        while (it.hasNext()) {
            WaitingComplaint w = it.next();
            if (shipped.getOrderId().equals(w.complaint.orderId)) {
                attribute(w.complaint, order);
                out.shareCount(shareCount(w.complaint));
                if (watermark < w.metricsUntil) {
                    Contributions.attributedComplaint(w.complaint).forEach(out::contribution);
                }
                it.remove();
            }
        }
    }

    /**
     * An OPENED complaint at its event time.
     *
     * @param goneBefore an order whose retention ended before this instant counts as forgotten,
     *     whether or not clean-up has removed it yet: the complaint's own time when it is handled
     *     on time, just past the watermark when it came late
     */
    public void onOpened(ComplaintEvent opened, long shareWaitMs, long metricsWaitMs, long retentionMs,
            long goneBefore, CoreEmitter out) {
        Contributions.complaint(opened).forEach(out::contribution);
        AttributedComplaint complaint = AttributedComplaint.of(opened);
        ShippedOrder order = complaint.orderId == null ? null : orders.get(complaint.orderId);
        if (order != null && order.shippedAtMs + retentionMs < goneBefore) {
            order = null;
        }
        if (order != null) {
            attribute(complaint, order);
        }
        out.complaintArrived(copy(complaint)); // the waiting one may yet learn its supplier
        if (order != null || complaint.orderId == null) {
            out.shareCount(shareCount(complaint));
            if (order != null) {
                Contributions.attributedComplaint(complaint).forEach(out::contribution);
            }
            return;
        }
        WaitingComplaint w = new WaitingComplaint();
        w.complaint = complaint;
        w.metricsUntil = complaint.eventTimeMs + metricsWaitMs;
        w.sharesUntil = complaint.eventTimeMs + shareWaitMs;
        waiting.add(w);
    }

    /** Complaints whose wait has ended by {@code now} count unattributed; orders past retention are forgotten. */
    public void onTime(long now, long retentionMs, CoreEmitter out) {
        Iterator<WaitingComplaint> it = waiting.iterator();
        while (it.hasNext()) {
            WaitingComplaint w = it.next();
            if (w.sharesUntil <= now) {
                out.shareCount(shareCount(w.complaint));
                it.remove();
            }
        }
        orders.values().removeIf(o -> o.shippedAtMs + retentionMs <= now);
    }

    /** The next instant a waiting complaint's wait ends, or {@link Long#MAX_VALUE}. */
    public long nextWakeup() {
        long next = Long.MAX_VALUE;
        for (WaitingComplaint w : waiting) {
            next = Math.min(next, w.sharesUntil);
        }
        return next;
    }

    /**
     * The instant the last order's retention is over, or {@link Long#MIN_VALUE} when none is
     * kept. Forgetting orders is clean-up only ({@link #onShipped} and {@link #onOpened} already
     * ignore one past its retention), so it can wait for the customer's other wake-ups, or for
     * this one.
     */
    public long lastForget(long retentionMs) {
        long last = Long.MIN_VALUE;
        for (ShippedOrder o : orders.values()) {
            last = Math.max(last, o.shippedAtMs + retentionMs);
        }
        return last;
    }

    public boolean isEmpty() {
        return orders.isEmpty() && waiting.isEmpty();
    }

    private static AttributedComplaint copy(AttributedComplaint c) {
        AttributedComplaint copy = new AttributedComplaint();
        copy.complaintId = c.complaintId;
        copy.category = c.category;
        copy.channel = c.channel;
        copy.orderId = c.orderId;
        copy.ownerTeam = c.ownerTeam;
        copy.supplierId = c.supplierId;
        copy.carrier = c.carrier;
        copy.eventTimeMs = c.eventTimeMs;
        return copy;
    }

    private static void attribute(AttributedComplaint complaint, ShippedOrder order) {
        complaint.supplierId = order.supplierId;
        complaint.carrier = order.carrier;
    }

    private static ShareCount shareCount(AttributedComplaint c) {
        return new ShareCount(c.category, c.supplierId, c.isAttributed() ? ShareCount.COMPLAINT
                : ShareCount.UNATTRIBUTED, c.eventTimeMs);
    }
}
