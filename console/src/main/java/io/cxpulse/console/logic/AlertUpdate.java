package io.cxpulse.console.logic;

import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One record of an episode, as the console keeps it: its text neutralised, its size bounded. */
public record AlertUpdate(AlertStatus status, Severity severity, String summary, List<String> reasons,
        Map<String, Double> evidence, Instant eventTime, Instant detectedAt, Instant windowStart,
        Instant windowEnd) {}
