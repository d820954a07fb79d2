package io.cxpulse.console.logic;

import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The latest metric record per key (dimension, value, window) of the dimensions the console
 * shows (ALL, QUEUE, TEAM), and what the operations page draws from them.
 *
 * <p>A later record under the same key replaces the earlier one: an early record its update,
 * a final record a correction. Windows no longer than {@code bucket} are short windows: added
 * up into buckets of that length for the charts, ratios computed over the sums (the raw counts
 * are published for exactly this), never averaged. The longest window is the live figure.
 * History is kept on event time: windows ending more than {@code history} before the newest
 * window end of their dimension leave, so an accelerated demo and a replayed day are shown the
 * same way as live traffic.
 */
public final class MetricBoard {

    public static final Set<Dimension> SHOWN = Set.of(Dimension.ALL, Dimension.QUEUE, Dimension.TEAM);

    private record Key(Dimension dimension, String value, long start, long size) {}

    private final Duration history;
    private final long bucketMs;
    private final Map<Key, MetricSnapshot> latest = new HashMap<>();
    private final Map<Dimension, Long> newestEnd = new EnumMap<>(Dimension.class);

    public MetricBoard(Duration history, Duration bucket) {
        this.history = history;
        this.bucketMs = bucket.toMillis();
    }

    /** Keeps {@code s} if the console shows its dimension; returns whether anything changed. */
    public boolean apply(MetricSnapshot s) {
        if (!SHOWN.contains(s.getDimension())) {
            return false;
        }
        long start = s.getWindowStart().toEpochMilli();
        long end = s.getWindowEnd().toEpochMilli();
        if (end <= start) {
            return false;
        }
        String value = SafeText.clean(s.getDimensionValue(), AlertBook.MAX_ID);
        latest.put(new Key(s.getDimension(), value, start, end - start), s);
        newestEnd.merge(s.getDimension(), end, Math::max);
        return true;
    }

    /** Drops windows older than the history horizon of their dimension. */
    public void prune() {
        latest.keySet().removeIf(k -> k.start() + k.size() < newestEnd.get(k.dimension()) - history.toMillis());
    }

    public int size() {
        return latest.size();
    }

    /** Every value of {@code dimension} that {@code allowed} lets through, by name. */
    public List<MetricSeries> view(Dimension dimension, Predicate<String> allowed) {
        Map<String, List<Map.Entry<Key, MetricSnapshot>>> byValue = new TreeMap<>();
        for (Map.Entry<Key, MetricSnapshot> e : latest.entrySet()) {
            if (e.getKey().dimension() == dimension && allowed.test(e.getKey().value())) {
                byValue.computeIfAbsent(e.getKey().value(), v -> new ArrayList<>()).add(e);
            }
        }
        List<MetricSeries> out = new ArrayList<>();
        byValue.forEach((value, records) -> out.add(series(dimension, value, records)));
        return out;
    }

    private MetricSeries series(Dimension dimension, String value, List<Map.Entry<Key, MetricSnapshot>> records) {
        MetricSnapshot live = null;
        long liveSize = 0;
        long liveStart = 0;
        TreeMap<Long, List<MetricSnapshot>> buckets = new TreeMap<>();
        for (Map.Entry<Key, MetricSnapshot> e : records) {
            Key k = e.getKey();
            if (k.size() <= bucketMs) {
                buckets.computeIfAbsent(Math.floorDiv(k.start(), bucketMs) * bucketMs, b -> new ArrayList<>())
                        .add(e.getValue());
            } else if (k.size() > liveSize || (k.size() == liveSize && k.start() > liveStart)) {
                live = e.getValue(); // the longest window, and of those the latest
                liveSize = k.size();
                liveStart = k.start();
            }
        }
        List<MetricPoint> points = new ArrayList<>();
        buckets.forEach((start, in) -> points.add(sum(Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + bucketMs), in)));
        MetricPoint livePoint = live == null ? null : sum(live.getWindowStart(), live.getWindowEnd(), List.of(live));
        return new MetricSeries(dimension, value, livePoint, points);
    }

    /** Adds up the counts of {@code records} and takes the ratios of the sums. */
    static MetricPoint sum(Instant start, Instant end, List<MetricSnapshot> records) {
        long contacts = 0, handled = 0, abandoned = 0, withinSl = 0, waitMs = 0;
        long csatResponses = 0, csatSatisfied = 0, npsResponses = 0, promoters = 0, detractors = 0;
        boolean allFinal = true;
        for (MetricSnapshot s : records) {
            contacts += s.getContacts();
            handled += s.getHandled();
            abandoned += s.getAbandoned();
            withinSl += s.getAnsweredWithinSl();
            waitMs += s.getWaitMsSum();
            csatResponses += s.getCsatResponses();
            csatSatisfied += s.getCsatSatisfied();
            npsResponses += s.getNpsResponses();
            promoters += s.getNpsPromoters();
            detractors += s.getNpsDetractors();
            allFinal &= s.getFinal$();
        }
        return new MetricPoint(start, end, contacts, ratio(csatSatisfied, csatResponses, 100),
                ratio(promoters - detractors, npsResponses, 100), ratio(waitMs, handled, 0.001),
                ratio(withinSl, contacts, 100), ratio(abandoned, contacts, 1), allFinal);
    }

    private static Double ratio(long numerator, long denominator, double scale) {
        return denominator == 0 ? null : numerator * scale / denominator;
    }
}
