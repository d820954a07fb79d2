package io.cxpulse.console.logic;

import io.cxpulse.schema.ComplaintCategory;
import java.time.Instant;
import java.util.List;

/**
 * One complaint category's latest supplier-share window: each supplier's complaint share
 * against its shipment share, most complained-about first.
 */
public record SupplierShares(ComplaintCategory category, Instant windowStart, Instant windowEnd, List<Row> suppliers) {

    /** One supplier in that window; {@code lift} and {@code qValue} may be null (no shipments). */
    public record Row(String supplierId, long shipments, long complaints, double shipmentShare, double complaintShare,
            Double lift, double pValue, double qValue, boolean flagged) {}
}
