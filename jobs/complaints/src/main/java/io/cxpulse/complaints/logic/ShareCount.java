package io.cxpulse.complaints.logic;

/**
 * One thing to count in a category's supplier shares: a shipment (every category counts every
 * shipment: it is the denominator of all of them), an attributed complaint, or an unattributed
 * one. A Flink POJO.
 */
public final class ShareCount {

    public static final int SHIPMENT = 0;
    public static final int COMPLAINT = 1;
    public static final int UNATTRIBUTED = 2;

    /** A {@code ComplaintCategory} symbol; null for a shipment not yet copied to every category. */
    public String category;
    public String supplierId;
    public int what;
    public long eventTimeMs;
    /** How many: 1, or more once a combiner has added up those of one slide. */
    public long count;

    public ShareCount() {}

    public ShareCount(String category, String supplierId, int what, long eventTimeMs) {
        this(category, supplierId, what, eventTimeMs, 1);
    }

    public ShareCount(String category, String supplierId, int what, long eventTimeMs, long count) {
        this.category = category;
        this.supplierId = supplierId;
        this.what = what;
        this.eventTimeMs = eventTimeMs;
        this.count = count;
    }
}
