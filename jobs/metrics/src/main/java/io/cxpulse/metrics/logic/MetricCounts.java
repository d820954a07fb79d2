package io.cxpulse.metrics.logic;

import java.util.Objects;

/**
 * The additive counts of one dimension value over one window: what a window accumulates, and
 * what one input event contributes. Every published ratio is a ratio of two of these sums
 * ({@link MetricRatios}), so windows and dimension values re-aggregate exactly.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), mutable so that the window accumulator
 * adds in place.
 */
public final class MetricCounts {

    public long contacts;
    public long handled;
    public long abandoned;
    public long answeredWithinSl;
    public long waitMsSum;
    public long handleMsSum;
    public long transfers;
    public long resolvedFirstContact;
    public long csatResponses;
    public long csatSatisfied;
    public long npsResponses;
    public long npsPromoters;
    public long npsDetractors;
    public long complaints;
    public long shipments;

    public MetricCounts() {}

    /** Adds {@code other} into this one and returns this one. */
    public MetricCounts add(MetricCounts other) {
        contacts += other.contacts;
        handled += other.handled;
        abandoned += other.abandoned;
        answeredWithinSl += other.answeredWithinSl;
        waitMsSum += other.waitMsSum;
        handleMsSum += other.handleMsSum;
        transfers += other.transfers;
        resolvedFirstContact += other.resolvedFirstContact;
        csatResponses += other.csatResponses;
        csatSatisfied += other.csatSatisfied;
        npsResponses += other.npsResponses;
        npsPromoters += other.npsPromoters;
        npsDetractors += other.npsDetractors;
        complaints += other.complaints;
        shipments += other.shipments;
        return this;
    }

    public MetricCounts copy() {
        return new MetricCounts().add(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MetricCounts c)) {
            return false;
        }
        return contacts == c.contacts && handled == c.handled && abandoned == c.abandoned
                && answeredWithinSl == c.answeredWithinSl && waitMsSum == c.waitMsSum && handleMsSum == c.handleMsSum
                && transfers == c.transfers && resolvedFirstContact == c.resolvedFirstContact
                && csatResponses == c.csatResponses && csatSatisfied == c.csatSatisfied
                && npsResponses == c.npsResponses && npsPromoters == c.npsPromoters
                && npsDetractors == c.npsDetractors && complaints == c.complaints && shipments == c.shipments;
    }

    @Override
    public int hashCode() {
        return Objects.hash(contacts, handled, abandoned, answeredWithinSl, waitMsSum, handleMsSum, transfers,
                resolvedFirstContact, csatResponses, csatSatisfied, npsResponses, npsPromoters, npsDetractors,
                complaints, shipments);
    }

    @Override
    public String toString() {
        return "MetricCounts{contacts=" + contacts + ", handled=" + handled + ", abandoned=" + abandoned
                + ", answeredWithinSl=" + answeredWithinSl + ", waitMsSum=" + waitMsSum + ", handleMsSum="
                + handleMsSum + ", transfers=" + transfers + ", resolvedFirstContact=" + resolvedFirstContact
                + ", csat=" + csatSatisfied + "/" + csatResponses + ", nps=+" + npsPromoters + "-" + npsDetractors
                + "/" + npsResponses + ", complaints=" + complaints + ", shipments=" + shipments + "}";
    }
}
