package io.cxpulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

    private static final Instant T0 = Instant.parse("2026-11-16T08:00:00Z");

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static GroundTruth incident(IncidentKind kind, String subject, int start, int end) {
        return new GroundTruth(kind, subject, at(start), at(end), 5);
    }

    private static AlertEpisode alert(AlertKind kind, String subject, int opened) {
        return new AlertEpisode(kind + "/" + subject + "/" + opened, kind, subject, at(opened), null);
    }

    private static DetectionScore.KindScore row(DetectionScore.Result r, IncidentKind kind) {
        return r.kinds().stream().filter(k -> k.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void anAlertOnTheSubjectDuringTheIncidentDetectsItAndTimesTheDetection() {
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.QUEUE_OVERLOAD, "delivery", 20, 50)),
                List.of(alert(AlertKind.LONG_WAIT, "delivery", 24), alert(AlertKind.LONG_WAIT, "delivery", 70)));

        DetectionScore.KindScore overload = row(r, IncidentKind.QUEUE_OVERLOAD);
        assertThat(overload.detected()).isEqualTo(1);
        assertThat(overload.recall()).isEqualTo(1.0);
        assertThat(overload.alerts()).as("the second opened within the 30 min grace").isEqualTo(2);
        assertThat(overload.precision()).isEqualTo(1.0);
        assertThat(overload.medianTimeToDetect()).isEqualTo(Duration.ofMinutes(4));
        assertThat(r.unexplained()).isEmpty();
    }

    @Test
    void alertsOnAnotherSubjectBeforeTheStartOrAfterTheGraceAreFalseAlarms() {
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.QUEUE_OVERLOAD, "delivery", 20, 50)),
                List.of(alert(AlertKind.LONG_WAIT, "billing", 30), alert(AlertKind.LONG_WAIT, "delivery", 10),
                        alert(AlertKind.LONG_WAIT, "delivery", 81)));

        DetectionScore.KindScore overload = row(r, IncidentKind.QUEUE_OVERLOAD);
        assertThat(overload.detected()).isZero();
        assertThat(overload.recall()).isZero();
        assertThat(overload.alerts()).isEqualTo(3);
        assertThat(overload.precision()).isZero();
        assertThat(overload.medianTimeToDetect()).isNull();
        assertThat(r.unexplained()).hasSize(3);
        assertThat(r.precision()).isZero();
    }

    @Test
    void aSurgeIsDetectedByItsCategoryOrACategoryAndChannelSpike() {
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.COMPLAINT_SURGE, "PRODUCT", 65, 90)),
                List.of(alert(AlertKind.COMPLAINT_SPIKE, "PRODUCT/EMAIL", 70),
                        alert(AlertKind.COMPLAINT_SPIKE, "PRODUCTS", 70)));

        DetectionScore.KindScore surge = row(r, IncidentKind.COMPLAINT_SURGE);
        assertThat(surge.detected()).isEqualTo(1);
        assertThat(surge.alerts()).isEqualTo(2);
        assertThat(surge.matched()).isEqualTo(1);
        assertThat(surge.precision()).isEqualTo(0.5);
    }

    @Test
    void aSecondaryAlertIsExplainedButDoesNotDetect() {
        // Late orders of WH-C: the shipping spike detects it; WH-C flagged as an outlier is an
        // effect of the same incident, not a false alarm, but alone it would not count as found.
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.LATE_ORDERS, "WH-C", 90, 150)),
                List.of(alert(AlertKind.SUPPLIER_OUTLIER, "WH-C", 180)));

        assertThat(row(r, IncidentKind.LATE_ORDERS).detected()).isZero();
        assertThat(r.unexplained()).isEmpty();
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(row(r, IncidentKind.BAD_SUPPLIER).alerts()).as("explained, so no false alarm charged").isZero();
    }

    @Test
    void customerAlertsAreCountedNotScoredAndTheStrugglingAgentIsReportedUnscored() {
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.STRUGGLING_AGENT, "agent-04", 0, 240)),
                List.of(alert(AlertKind.POOR_EXPERIENCE, "C1", 5), alert(AlertKind.POOR_EXPERIENCE, "C2", 6),
                        alert(AlertKind.REPEAT_CONTACT, "C1", 7)));

        assertThat(r.unscored()).containsEntry(AlertKind.POOR_EXPERIENCE, 2).containsEntry(AlertKind.REPEAT_CONTACT, 1);
        assertThat(row(r, IncidentKind.STRUGGLING_AGENT).scored()).isFalse();
        assertThat(r.incidents()).isZero();
        assertThat(r.scoredAlerts()).isZero();
        assertThat(DetectionScore.table(r)).contains("STRUGGLING_AGENT", "not scored");
    }

    @Test
    void theJsonCarriesTheTableFigures() {
        DetectionScore.Result r = DetectionScore.score(
                List.of(incident(IncidentKind.BAD_SUPPLIER, "WH-F", 0, 360)),
                List.of(alert(AlertKind.SUPPLIER_OUTLIER, "WH-F", 120), alert(AlertKind.SUPPLIER_OUTLIER, "WH-A", 120)));

        var json = DetectionScore.json(r);
        assertThat(json.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(json.get("precision").asDouble()).isEqualTo(0.5);
        assertThat(json.get("false_alarms").get(0).get("subject").asText()).isEqualTo("WH-A");
        assertThat(json.get("kinds").get(0).get("ttd_p50_s").asLong()).isEqualTo(7200);
    }
}
