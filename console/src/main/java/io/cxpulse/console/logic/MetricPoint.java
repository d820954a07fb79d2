package io.cxpulse.console.logic;

import java.time.Instant;

/**
 * The figures the console shows for one dimension value over one stretch of time, each a ratio
 * of sums (null when its denominator is 0), as the metrics job defines them.
 */
public record MetricPoint(Instant start, Instant end, long contacts, Double csatPct, Double nps, Double asaSeconds,
        Double serviceLevelPct, Double abandonRate, boolean isFinal) {}
