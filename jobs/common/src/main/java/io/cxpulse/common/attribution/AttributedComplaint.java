package io.cxpulse.common.attribution;

import io.cxpulse.schema.ComplaintEvent;

/**
 * An OPENED complaint with the supplier and carrier of its order's shipment, or without them
 * (unattributed: no order on the complaint, or no shipment known for it in time). A Flink POJO.
 */
public final class AttributedComplaint {

    public String complaintId;
    public String category;
    public String channel;
    public String orderId;
    /** The team that owns the complaint when it is opened ({@code owner_team}), or null. */
    public String ownerTeam;
    /** Null when unattributed. */
    public String supplierId;
    public String carrier;
    public long eventTimeMs;

    public AttributedComplaint() {}

    /** The complaint as it stands, with no supplier yet: also how a complaint without an order stays. */
    public static AttributedComplaint of(ComplaintEvent complaint) {
        AttributedComplaint a = new AttributedComplaint();
        a.complaintId = complaint.getComplaintId();
        a.category = complaint.getCategory().name();
        a.channel = complaint.getChannel() == null ? null : complaint.getChannel().name();
        a.orderId = complaint.getOrderId();
        a.ownerTeam = complaint.getOwnerTeam();
        a.eventTimeMs = complaint.getEventTime().toEpochMilli();
        return a;
    }

    public boolean isAttributed() {
        return supplierId != null;
    }
}
