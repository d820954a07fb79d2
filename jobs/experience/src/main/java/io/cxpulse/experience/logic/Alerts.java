package io.cxpulse.experience.logic;

import io.cxpulse.common.alert.AlertIds;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code Alert} records: the id from kind, subject and episode start, the team to route
 * to, the one-sentence summary, reason codes and evidence numbers.
 *
 * <p>{@code detected_at} is the wall-clock time of detection, the one field a replay does not
 * reproduce (it is what latency is measured by); everything else follows from the input.
 */
public final class Alerts {

    private Alerts() {}

    public static Alert alert(
            AlertKind kind, AlertStatus status, Episode episode, SubjectType subjectType, String subjectId,
            String customerId, String teamId,
            Severity severity, String summary, List<Signal> signals, Map<String, Double> extraEvidence,
            Instant eventTime, Instant detectedAt) {
        List<String> reasons = new ArrayList<>();
        Map<String, Double> evidence = new LinkedHashMap<>();
        for (Signal s : signals) {
            reasons.add(s.code());
            evidence.put(s.evidenceKey(), s.evidenceValue());
        }
        evidence.putAll(extraEvidence);
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(kind, subjectType, subjectId, episode.startMs))
                .setKind(kind)
                .setStatus(status)
                .setSeverity(severity)
                .setSubjectType(subjectType)
                .setSubjectId(subjectId)
                .setTeamId(teamId)
                .setCustomerId(customerId)
                .setSummary(summary)
                .setReasons(reasons)
                .setEvidence(evidence)
                .setWindowStart(Instant.ofEpochMilli(episode.startMs))
                .setWindowEnd(null)
                .setEventTime(eventTime)
                .setDetectedAt(detectedAt)
                .build();
    }
}
