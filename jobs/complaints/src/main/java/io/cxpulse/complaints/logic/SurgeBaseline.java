package io.cxpulse.complaints.logic;

import java.util.HashMap;
import java.util.Map;

/**
 * What the spike rule remembers about one key (a category, or category × channel): the EWMA
 * baseline of complaints per bucket, the usual counts per supplier and channel (for the
 * drill-down), and the open episode if any. A Flink POJO, updated in place by {@link SurgeRule}.
 */
public final class SurgeBaseline {

    /** EWMA of the count per bucket, and its variance. */
    public double mean;
    public double variance;
    /** Buckets seen so far (warm-up ends at the configured number). */
    public long buckets;
    /** Usual count per bucket of each attribute value, e.g. {@code supplier=WH-A}: EWMA of normal buckets. */
    public Map<String, Double> usual = new HashMap<>();

    /** Start of the open episode (its first spike bucket's start), or null. */
    public Long episodeStartMs;
    public String severity;
    public long peak;
    public int calmBuckets;

    public SurgeBaseline() {}

    public boolean hasOpenEpisode() {
        return episodeStartMs != null;
    }
}
