package io.cxpulse.local;

import io.cxpulse.common.text.SafeText;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live metrics a supervisor watches: per queue (and all queues), the latest record of the
 * newest 1-hour window, early or final. Fed with every metric record read; rendered as a
 * compact table.
 */
public final class MetricsTable {

    private static final long HOUR_MS = 3_600_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final Map<String, MetricSnapshot> latest = new TreeMap<>();
    private long newestHourStart = Long.MIN_VALUE;

    /** Takes a record from {@code cx.metrics.v1}; keeps QUEUE and ALL hour records of the newest hour. */
    public void accept(MetricSnapshot s) {
        long start = s.getWindowStart().toEpochMilli();
        if (s.getWindowEnd().toEpochMilli() - start != HOUR_MS
                || (s.getDimension() != Dimension.QUEUE && s.getDimension() != Dimension.ALL)) {
            return;
        }
        if (start > newestHourStart) {
            newestHourStart = start;
            latest.clear();
        }
        if (start == newestHourStart) {
            latest.put(s.getDimension() == Dimension.ALL ? "~all" : SafeText.neutralise(s.getDimensionValue()), s);
        }
    }

    public boolean isEmpty() {
        return latest.isEmpty();
    }

    public String render(Ansi ansi) {
        StringBuilder out = new StringBuilder();
        Instant start = Instant.ofEpochMilli(newestHourStart);
        out.append(ansi.bold(String.format("%-14s %8s %7s %6s %7s %7s %8s  hour %s-%s", "queue", "contacts",
                "CSAT%", "NPS", "ASA s", "SL %", "abandon%", CLOCK.format(start),
                CLOCK.format(start.plusMillis(HOUR_MS))))).append('\n');
        latest.forEach((name, s) -> out.append(String.format("%-14s %8d %7s %6s %7s %7s %8s%s%n",
                name.equals("~all") ? "all queues" : name, s.getContacts(), fmt(s.getCsatPct()), fmt(s.getNps()),
                fmt(s.getAsaS()), fmt(s.getServiceLevelPct()),
                fmt(s.getAbandonRate() == null ? null : 100 * s.getAbandonRate()),
                s.getFinal$() ? "  final" : "")));
        return out.toString();
    }

    private static String fmt(Double value) {
        return value == null ? "-" : String.format("%.1f", value);
    }
}
