package io.cxpulse.console.logic;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.RecoveryOutcome;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test records, named for the story they tell. */
public final class Alerts {

    public static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");

    private Alerts() {}

    public static Alert customerAlert(String id, String team, AlertStatus status, Severity severity, Instant at) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setKind(AlertKind.POOR_EXPERIENCE)
                .setStatus(status)
                .setSeverity(severity)
                .setSubjectType(SubjectType.CUSTOMER)
                .setSubjectId("C" + id)
                .setTeamId(team)
                .setCustomerId("C" + id)
                .setSummary("Customer C" + id + " rated CSAT 1 after a 9 min wait")
                .setReasons(List.of("csat=1", "wait_s=540", "order=O-" + id))
                .setEvidence(Map.of("csat", 1.0, "wait_s", 540.0))
                .setEventTime(at)
                .setDetectedAt(at)
                .build();
    }

    public static Alert queueAlert(String queue, AlertStatus status, Instant at) {
        return Alert.newBuilder()
                .setAlertId("LONG_WAIT-" + queue)
                .setKind(AlertKind.LONG_WAIT)
                .setStatus(status)
                .setSeverity(Severity.HIGH)
                .setSubjectType(SubjectType.QUEUE)
                .setSubjectId(queue)
                .setTeamId(null)
                .setCustomerId(null)
                .setSummary("Queue " + queue + ": 8 callers waiting")
                .setReasons(List.of("waiting=8"))
                .setEvidence(Map.of("waiting", 8.0))
                .setEventTime(at)
                .setDetectedAt(at)
                .build();
    }

    public static AlertAction action(String actionId, String alertId, AlertActionType type, String actor, Instant at,
            RecoveryOutcome outcome) {
        return AlertAction.newBuilder()
                .setActionId(actionId)
                .setAlertId(alertId)
                .setAction(type)
                .setActor(actor)
                .setActionTime(at)
                .setOutcome(outcome)
                .build();
    }

    public static MetricSnapshot metric(Dimension dimension, String value, Instant start, Duration size, boolean isFinal,
            long csatResponses, long satisfied, long contacts, long abandoned) {
        return MetricSnapshot.newBuilder()
                .setDimension(dimension)
                .setDimensionValue(value)
                .setWindowStart(start)
                .setWindowEnd(start.plus(size))
                .setFinal$(isFinal)
                .setContacts(contacts)
                .setHandled(contacts - abandoned)
                .setAbandoned(abandoned)
                .setAnsweredWithinSl(contacts - abandoned)
                .setWaitMsSum(10_000 * (contacts - abandoned))
                .setHandleMsSum(0)
                .setTransfers(0)
                .setResolvedFirstContact(0)
                .setCsatResponses(csatResponses)
                .setCsatSatisfied(satisfied)
                .setNpsResponses(0)
                .setNpsPromoters(0)
                .setNpsDetractors(0)
                .setComplaints(0)
                .build();
    }

}
