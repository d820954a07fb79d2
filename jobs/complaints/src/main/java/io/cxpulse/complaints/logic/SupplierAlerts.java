package io.cxpulse.complaints.logic;

import io.cxpulse.common.alert.AlertIds;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@code SUPPLIER_OUTLIER} alerts: summary, reason codes and the statistics as evidence. */
public final class SupplierAlerts {

    private SupplierAlerts() {}

    public static Alert outlier(AlertStatus status, OutlierEpisode episode, String category, SupplierScan.Result r,
            long unattributed, long windowStartMs, long windowEndMs, Instant detectedAt) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("shipments", (double) r.shipments());
        evidence.put("complaints", (double) r.complaints());
        evidence.put("shipment_share", r.shipmentShare());
        evidence.put("complaint_share", r.complaintShare());
        if (r.lift() != null) {
            evidence.put("lift", r.lift());
        }
        evidence.put("p_value", r.pValue());
        evidence.put("q_value", r.qValue());
        if (r.prr().isDefined()) {
            evidence.put("prr", r.prr().estimate());
            evidence.put("prr_low", r.prr().low());
            evidence.put("prr_high", r.prr().high());
        }
        evidence.put("unattributed_complaints", (double) unattributed);
        String summary = status == AlertStatus.RESOLVED
                ? "Supplier " + r.supplier() + " is no longer flagged for " + category.toLowerCase(Locale.ROOT)
                        + " complaints"
                : String.format(Locale.ROOT,
                        "Supplier %s shipped %.1f%% of orders but drew %.0f%% of %s complaints (%d of %d; q=%.1e)",
                        r.supplier(), 100 * r.shipmentShare(), 100 * r.complaintShare(),
                        category.toLowerCase(Locale.ROOT), r.complaints(),
                        Math.round(r.complaintShare() == 0 ? 0 : r.complaints() / r.complaintShare()), r.qValue());
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(AlertKind.SUPPLIER_OUTLIER, SubjectType.SUPPLIER, r.supplier(), category,
                        episode.startMs))
                .setKind(AlertKind.SUPPLIER_OUTLIER)
                .setStatus(status)
                .setSeverity(Severity.valueOf(episode.severity))
                .setSubjectType(SubjectType.SUPPLIER)
                .setSubjectId(r.supplier())
                .setTeamId(null)
                .setCustomerId(null)
                .setSummary(summary)
                .setReasons(List.of("category=" + category, "flagged=" + r.flagged()))
                .setEvidence(evidence)
                .setWindowStart(Instant.ofEpochMilli(windowStartMs))
                .setWindowEnd(Instant.ofEpochMilli(windowEndMs))
                .setEventTime(Instant.ofEpochMilli(windowEndMs))
                .setDetectedAt(detectedAt)
                .build();
    }
}
