package io.cxpulse.metrics.logic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a contribution that came too late for its window is described where it is set aside (the
 * dead letters): what it would have added, to which dimension value, at which time, and which
 * window had already closed for good. The original input record is not at hand where windows
 * set data aside, so this is what a reader gets to find it and, if they wish, to correct by hand.
 */
public final class TooLate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TooLate() {}

    /** The start of the tumbling window of {@code size} (aligned to the epoch) that holds {@code timeMs}. */
    public static long windowStart(long timeMs, Duration size) {
        return timeMs - Math.floorMod(timeMs, size.toMillis());
    }

    /**
     * One line of JSON, for example {@code {"dimension":"AGENT","value":"agent-7",
     * "event_time":"2026-11-20T09:00:20Z","window_start":"2026-11-20T09:00:00Z",
     * "window_end":"2026-11-20T09:01:00Z","window_size":"PT1M","allowed_lateness":"PT5M",
     * "counts":{"csat_responses":1}}}: the counts it would have added, zero ones left out.
     */
    public static String json(Contribution late, Duration windowSize, Duration allowedLateness) {
        long start = windowStart(late.timeMs, windowSize);
        ObjectNode out = JSON.createObjectNode()
                .put("dimension", late.dimension)
                .put("value", late.value)
                .put("event_time", Instant.ofEpochMilli(late.timeMs).toString())
                .put("window_start", Instant.ofEpochMilli(start).toString())
                .put("window_end", Instant.ofEpochMilli(start + windowSize.toMillis()).toString())
                .put("window_size", windowSize.toString())
                .put("allowed_lateness", allowedLateness.toString());
        ObjectNode counts = out.putObject("counts");
        nonZero(late.counts).forEach(counts::put);
        return out.toString();
    }

    /** Why, in words. */
    public static String message(Contribution late, Duration windowSize, Duration allowedLateness) {
        long start = windowStart(late.timeMs, windowSize);
        return "late: " + late.key() + " at " + Instant.ofEpochMilli(late.timeMs) + " arrived beyond the allowed lateness ("
                + allowedLateness + ") of its " + windowSize + " window [" + Instant.ofEpochMilli(start) + ", "
                + Instant.ofEpochMilli(start + windowSize.toMillis()) + "); not counted in that window";
    }

    private static Map<String, Long> nonZero(MetricCounts c) {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("contacts", c.contacts);
        all.put("handled", c.handled);
        all.put("abandoned", c.abandoned);
        all.put("answered_within_sl", c.answeredWithinSl);
        all.put("wait_ms_sum", c.waitMsSum);
        all.put("handle_ms_sum", c.handleMsSum);
        all.put("transfers", c.transfers);
        all.put("resolved_first_contact", c.resolvedFirstContact);
        all.put("csat_responses", c.csatResponses);
        all.put("csat_satisfied", c.csatSatisfied);
        all.put("nps_responses", c.npsResponses);
        all.put("nps_promoters", c.npsPromoters);
        all.put("nps_detractors", c.npsDetractors);
        all.put("complaints", c.complaints);
        all.put("shipments", c.shipments);
        all.values().removeIf(v -> v == 0);
        return all;
    }
}
