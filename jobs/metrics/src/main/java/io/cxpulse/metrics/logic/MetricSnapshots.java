package io.cxpulse.metrics.logic;

import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Instant;

/** Builds the published record from a window's counts: the raw sums and every ratio of {@link MetricRatios}. */
public final class MetricSnapshots {

    private MetricSnapshots() {}

    public static MetricSnapshot of(String dimension, String value, long windowStartMs, long windowEndMs,
            boolean isFinal, MetricCounts c) {
        Dimension d = Dimension.valueOf(dimension);
        return MetricSnapshot.newBuilder()
                .setDimension(d)
                .setDimensionValue(value)
                .setWindowStart(Instant.ofEpochMilli(windowStartMs))
                .setWindowEnd(Instant.ofEpochMilli(windowEndMs))
                .setFinal$(isFinal)
                .setContacts(c.contacts)
                .setHandled(c.handled)
                .setAbandoned(c.abandoned)
                .setAnsweredWithinSl(c.answeredWithinSl)
                .setWaitMsSum(c.waitMsSum)
                .setHandleMsSum(c.handleMsSum)
                .setTransfers(c.transfers)
                .setResolvedFirstContact(c.resolvedFirstContact)
                .setCsatResponses(c.csatResponses)
                .setCsatSatisfied(c.csatSatisfied)
                .setNpsResponses(c.npsResponses)
                .setNpsPromoters(c.npsPromoters)
                .setNpsDetractors(c.npsDetractors)
                .setComplaints(c.complaints)
                .setShipments(c.shipments)
                .setCsatPct(MetricRatios.csatPct(c))
                .setNps(MetricRatios.nps(c))
                .setAhtS(MetricRatios.ahtSeconds(c))
                .setAsaS(MetricRatios.asaSeconds(c))
                .setServiceLevelPct(MetricRatios.serviceLevelPct(c))
                .setAbandonRate(MetricRatios.abandonRate(c))
                .setFcrRate(MetricRatios.fcrRate(c))
                .setComplaintRate(MetricRatios.complaintRate(d, c))
                .setCsatShrunkPct(null)
                .build();
    }
}
