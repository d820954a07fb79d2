package io.cxpulse.common.attribution;

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

    public boolean isAttributed() {
        return supplierId != null;
    }
}
