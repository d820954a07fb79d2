package io.cxpulse.complaints.functions;

import io.cxpulse.common.combine.PreAggregator;
import io.cxpulse.complaints.logic.ShareCount;
import java.time.Duration;

/**
 * How share counts add up before they cross to {@link SupplierShareMonitor}: by category,
 * supplier, kind and slide. Shipments are added up before they are copied to every category
 * (they count in all of them), so a slide's shipments of one supplier travel as one count per
 * category rather than one per shipment and category. A count whose first window may already have been
 * judged (the watermark is past its end plus the shipment wait) travels alone, and the monitor
 * counts it late as before.
 */
public final class ShareCountCombining implements PreAggregator.Combining<ShareCount> {

    private static final long serialVersionUID = 1L;

    private final long slideMs;
    private final long holdMs;

    public ShareCountCombining(Duration slide, Duration shipmentWait) {
        this.slideMs = slide.toMillis();
        this.holdMs = shipmentWait.toMillis();
    }

    /** One category's count of one kind for a supplier in one slide. */
    record Bucket(String category, String supplierId, int what, long slide) {}

    @Override
    public long timeOf(ShareCount c) {
        return c.eventTimeMs;
    }

    @Override
    public Object bucketOf(ShareCount c, long watermark) {
        long slide = Math.floorDiv(c.eventTimeMs, slideMs);
        long firstWindowEnd = (slide + 1) * slideMs;
        if (firstWindowEnd + holdMs <= watermark) {
            return null;
        }
        return new Bucket(c.category, c.supplierId, c.what, slide);
    }

    @Override
    public ShareCount copy(ShareCount c) {
        return new ShareCount(c.category, c.supplierId, c.what, c.eventTimeMs, c.count);
    }

    @Override
    public ShareCount add(ShareCount sum, ShareCount next) {
        sum.count += next.count;
        return sum;
    }
}
