package io.cxpulse.common.testing;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.Sender;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SubjectType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Factory methods for realistic input records, so tests read like the stories they check.
 * Every record gets a unique {@code event_id} derived from its entity and type unless a test
 * sets one to model a producer's retry.
 */
public final class TestRecords {

    public static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");
    public static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);
    public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private TestRecords() {}

    public static CallEvent call(String callId, CallEventType type, String customer, Instant at) {
        return CallEvent.newBuilder()
                .setEventId(callId + "-" + type + "-" + at.toEpochMilli())
                .setCallId(callId)
                .setType(type)
                .setEventTime(at)
                .setCustomerId(customer)
                .setQueue("billing")
                .setAgentId(type == CallEventType.QUEUED ? null : "agent-7")
                .setTeamId(type == CallEventType.QUEUED ? null : "team-blue")
                .setResolved(type == CallEventType.ENDED ? Boolean.TRUE : null)
                .build();
    }

    public static ChatEvent chatMessage(String chatId, String customer, String text, Instant at) {
        return ChatEvent.newBuilder()
                .setEventId(chatId + "-msg-" + at.toEpochMilli())
                .setChatId(chatId)
                .setType(ChatEventType.MESSAGE)
                .setEventTime(at)
                .setCustomerId(customer)
                .setQueue("web-chat")
                .setAgentId("agent-3")
                .setTeamId("team-green")
                .setSender(Sender.CUSTOMER)
                .setText(text)
                .build();
    }

    public static SurveyResponse survey(String interactionId, String customer, Integer csat, Integer nps, Instant at) {
        return SurveyResponse.newBuilder()
                .setEventId("survey-" + interactionId + "-" + at.toEpochMilli())
                .setInteractionId(interactionId)
                .setChannel(Channel.VOICE)
                .setEventTime(at)
                .setCustomerId(customer)
                .setAgentId("agent-7")
                .setTeamId("team-blue")
                .setCsat(csat)
                .setNps(nps)
                .setComment(csat != null && csat <= 2 ? "waited far too long" : null)
                .build();
    }

    public static ShipmentEvent shipped(String orderId, String customer, String supplier, Instant at) {
        return ShipmentEvent.newBuilder()
                .setEventId("ship-" + orderId + "-" + at.toEpochMilli())
                .setOrderId(orderId)
                .setType(ShipmentEventType.SHIPPED)
                .setEventTime(at)
                .setCustomerId(customer)
                .setSupplierId(supplier)
                .setCarrier("dhl")
                .setPromisedTime(at.plus(Duration.ofDays(2)))
                .build();
    }

    public static ComplaintEvent complaintOpened(
            String complaintId, String customer, ComplaintCategory category, String orderId, Instant at) {
        return ComplaintEvent.newBuilder()
                .setEventId("complaint-" + complaintId + "-opened")
                .setComplaintId(complaintId)
                .setType(ComplaintEventType.OPENED)
                .setEventTime(at)
                .setCustomerId(customer)
                .setCategory(category)
                .setOrderId(orderId)
                .setChannel(Channel.CHAT)
                .setLevel(0)
                .setText("包裹还没到，已经晚了三天")
                .build();
    }

    /** An OPEN poor-experience alert about customer C1042, routed to team-blue. */
    public static Alert poorExperienceAlert(Instant at) {
        return Alert.newBuilder()
                .setAlertId("POOR_EXPERIENCE:C1042:" + at.toEpochMilli())
                .setKind(AlertKind.POOR_EXPERIENCE)
                .setStatus(AlertStatus.OPEN)
                .setSeverity(Severity.HIGH)
                .setSubjectType(SubjectType.CUSTOMER)
                .setSubjectId("C1042")
                .setTeamId("team-blue")
                .setCustomerId("C1042")
                .setSummary("Customer C1042 rated CSAT 1 after a 9 min wait; 3rd contact in 72 h")
                .setReasons(List.of("csat=1", "wait_s=540"))
                .setEvidence(Map.of("csat", 1.0, "wait_s", 540.0))
                .setEventTime(at)
                .setDetectedAt(at.plusSeconds(2))
                .build();
    }
}
