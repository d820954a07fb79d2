package io.cxpulse.complaints.logic;

/**
 * The open {@code SUPPLIER_OUTLIER} episode of one (category, supplier): when it opened (the
 * end of the first flagged window: part of the alert id), its severity so far, and how many
 * windows in a row have not flagged it. A Flink POJO.
 */
public final class OutlierEpisode {

    public long startMs;
    public String severity;
    public int unflaggedWindows;

    public OutlierEpisode() {}

    public OutlierEpisode(long startMs, String severity) {
        this.startMs = startMs;
        this.severity = severity;
    }
}
