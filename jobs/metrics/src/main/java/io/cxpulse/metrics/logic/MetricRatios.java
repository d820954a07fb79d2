package io.cxpulse.metrics.logic;

import io.cxpulse.schema.Dimension;

/**
 * The published ratios, each a ratio of two sums of {@link MetricCounts}; null when the
 * denominator is 0. The module README and the {@code MetricSnapshot} schema state the same.
 */
public final class MetricRatios {

    private MetricRatios() {}

    /** CSAT % = satisfied (4–5) / CSAT responses × 100. */
    public static Double csatPct(MetricCounts c) {
        return ratio(c.csatSatisfied, c.csatResponses, 100);
    }

    /** NPS = (promoters − detractors) / NPS responses × 100, in −100..100. */
    public static Double nps(MetricCounts c) {
        return ratio(c.npsPromoters - c.npsDetractors, c.npsResponses, 100);
    }

    /** AHT, seconds = handle time sum / handled. */
    public static Double ahtSeconds(MetricCounts c) {
        return ratio(c.handleMsSum, c.handled, 0.001);
    }

    /** ASA, seconds = wait sum of handled contacts / handled. */
    public static Double asaSeconds(MetricCounts c) {
        return ratio(c.waitMsSum, c.handled, 0.001);
    }

    /** Service level % = answered within the threshold / contacts offered × 100. */
    public static Double serviceLevelPct(MetricCounts c) {
        return ratio(c.answeredWithinSl, c.contacts, 100);
    }

    /** Abandonment rate = abandoned / contacts offered. */
    public static Double abandonRate(MetricCounts c) {
        return ratio(c.abandoned, c.contacts, 1);
    }

    /** First-contact resolution rate = resolved on first contact / handled. */
    public static Double fcrRate(MetricCounts c) {
        return ratio(c.resolvedFirstContact, c.handled, 1);
    }

    /**
     * Complaint rate: complaints per shipment for a supplier; complaints per contact for ALL and
     * CHANNEL; null elsewhere (complaints carry no queue, team or agent, and a category has no
     * exposure of its own).
     */
    public static Double complaintRate(Dimension dimension, MetricCounts c) {
        return switch (dimension) {
            case SUPPLIER -> ratio(c.complaints, c.shipments, 1);
            case ALL, CHANNEL -> ratio(c.complaints, c.contacts, 1);
            default -> null;
        };
    }

    private static Double ratio(long numerator, long denominator, double scale) {
        return denominator == 0 ? null : numerator * scale / denominator;
    }
}
