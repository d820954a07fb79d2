package io.cxpulse.experience.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.RatedInteraction;
import io.cxpulse.common.interaction.SurveyContext;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerAlertDetectorTest {

    private static final Instant MONDAY_NINE_AM = Instant.parse("2026-11-16T09:00:00Z");
    private static final Duration SHORT_WAIT = Duration.ofSeconds(30);
    private static final Duration NINE_MINUTE_WAIT = Duration.ofMinutes(9);
    private static final ExperienceConfig CONFIG = ExperienceConfig.DEFAULTS;

    private KeyedTwoInputStreamOperatorTestHarness<String, InteractionAccumulator, SurveyContext, Alert> harness;
    private int calls;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new CustomerAlertDetector(CONFIG)),
                acc -> acc.customerId, c -> c.survey.getCustomerId(), Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aLongWaitOpensAnEpisodeALowCsatUpdatesItAndAGoodNextCallResolvesIt() throws Exception {
        interaction("C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, false);
        survey("C1042", MONDAY_NINE_AM.plus(Duration.ofMinutes(30)), 1);
        interaction("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(3)), SHORT_WAIT, true);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getKind).containsOnly(AlertKind.POOR_EXPERIENCE);
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.RESOLVED);
        assertThat(alerts).extracting(Alert::getAlertId).as("one episode, one id").containsOnly(alerts.get(0).getAlertId());
        Alert open = alerts.get(0);
        assertThat(open.getSubjectId()).isEqualTo("C1042");
        assertThat(open.getTeamId()).as("routed to the last agent's team").isEqualTo("team-blue");
        assertThat(open.getReasons()).containsExactly("wait_s=540");
        assertThat(open.getEvidence()).containsEntry("wait_s", 540.0);
        assertThat(open.getSummary()).isEqualTo("Customer C1042 waited 9 min to be answered");
        assertThat(alerts.get(1).getReasons()).containsExactly("csat=1");
        assertThat(alerts.get(1).getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void theThirdUnresolvedContactWithin72HoursIsARepeatContact() throws Exception {
        interaction("C2001", MONDAY_NINE_AM, SHORT_WAIT, false);
        interaction("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(20)), SHORT_WAIT, false);
        assertThat(harness.extractOutputValues()).isEmpty();

        interaction("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(45)), SHORT_WAIT, false);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.REPEAT_CONTACT);
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getSummary()).isEqualTo("Customer C2001 is on their 3rd unresolved contact in 72 h");
            assertThat(alert.getEvidence()).containsEntry("contacts_in_window", 3.0);
        });
    }

    @Test
    void aHappyCustomerAndAResolvedRepeatCallerRaiseNothing() throws Exception {
        interaction("C3001", MONDAY_NINE_AM, SHORT_WAIT, true);
        survey("C3001", MONDAY_NINE_AM.plus(Duration.ofMinutes(10)), 5);
        interaction("C3002", MONDAY_NINE_AM, SHORT_WAIT, true);
        interaction("C3002", MONDAY_NINE_AM.plus(Duration.ofHours(5)), SHORT_WAIT, true);
        interaction("C3002", MONDAY_NINE_AM.plus(Duration.ofHours(10)), SHORT_WAIT, true);

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aQuietPeriodResolvesTheEpisodeAndAllStateIsClearedAfterTheWindow() throws Exception {
        interaction("C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, false);
        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofHours(23)).toEpochMilli()));
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSurveyJoinedWithItsInteractionIsRoutedToItsLastTeamWithItsWaitAndTransfers() throws Exception {
        InteractionAccumulator rated = transferredCall("call-j", "C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, 2);
        Instant surveyed = MONDAY_NINE_AM.plus(Duration.ofMinutes(40));
        SurveyResponse survey = SurveyResponse.newBuilder()
                .setEventId("s-j").setInteractionId("call-j").setChannel(Channel.VOICE).setEventTime(surveyed)
                .setCustomerId("C1042").setTeamId("team-blue").setCsat(1)
                .build();
        harness.processElement2(new StreamRecord<>(SurveyContext.joined(survey, RatedInteraction.of(rated)),
                surveyed.toEpochMilli()));
        advanceWatermarkTo(surveyed);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getTeamId()).as("the rated interaction's last agent's team, not the survey's")
                    .isEqualTo("team-red");
            assertThat(alert.getEvidence()).containsEntry("csat", 1.0)
                    .containsEntry("interaction_wait_s", 540.0)
                    .containsEntry("interaction_transfers", 2.0);
            assertThat(alert.getSummary()).isEqualTo("Customer C1042 rated CSAT 1 after a 9 min wait and 2 transfers");
        });
    }

    @Test
    void aSurveyFromARepeatCallerSaysWhichContactItWas() throws Exception {
        interaction("C1042", MONDAY_NINE_AM, SHORT_WAIT, false);
        interaction("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(2)), SHORT_WAIT, false);
        InteractionAccumulator third = transferredCall("call-3rd", "C1042", MONDAY_NINE_AM.plus(Duration.ofHours(4)),
                NINE_MINUTE_WAIT, 0);
        harness.processElement1(new StreamRecord<>(third, third.closedAt().toEpochMilli()));
        advanceWatermarkTo(third.closedAt());
        Instant surveyed = third.closedAt().plus(Duration.ofMinutes(15));
        SurveyResponse survey = SurveyResponse.newBuilder()
                .setEventId("s-3rd").setInteractionId("call-3rd").setChannel(Channel.VOICE).setEventTime(surveyed)
                .setCustomerId("C1042").setCsat(1)
                .build();
        harness.processElement2(new StreamRecord<>(SurveyContext.joined(survey, RatedInteraction.of(third)),
                surveyed.toEpochMilli()));
        advanceWatermarkTo(surveyed);

        Alert surveyAlert = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(surveyAlert.getKind()).isEqualTo(AlertKind.POOR_EXPERIENCE);
        assertThat(surveyAlert.getStatus()).as("the third call's long wait opened the episode").isEqualTo(AlertStatus.UPDATE);
        assertThat(surveyAlert.getSummary())
                .isEqualTo("Customer C1042 rated CSAT 1 after a 9 min wait; 3rd unresolved contact in 72 h");
        assertThat(surveyAlert.getEvidence()).containsEntry("contacts_in_window", 3.0);
    }

    @Test
    void anUpdateWithMilderSignalsKeepsTheEpisodesHighestSeverity() throws Exception {
        survey("C1042", MONDAY_NINE_AM, 1);                                                   // CSAT 1: HIGH
        interaction("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(1)), Duration.ofMinutes(6), false); // MEDIUM
        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getReasons()).containsExactly("wait_s=360");
        assertThat(alerts).extracting(Alert::getSeverity).containsOnly(Severity.HIGH);
    }

    @Test
    void aRepeatContactEpisodeEndsAfterItsQuietPeriodAndLeavesNoState() throws Exception {
        for (int h = 0; h < 3; h++) {
            interaction("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(2L * h)), SHORT_WAIT, false);
        }
        assertThat(harness.extractOutputValues()).extracting(Alert::getKind, Alert::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.REPEAT_CONTACT, AlertStatus.OPEN));

        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getKind()).isEqualTo(AlertKind.REPEAT_CONTACT);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aContactThatResolvesTheIssueEndsTheRepeatContactEpisodeAndItsStateGoesAfterTheWindow() throws Exception {
        for (int h = 0; h < 3; h++) {
            interaction("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(2L * h)), SHORT_WAIT, false);
        }
        interaction("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(8)), SHORT_WAIT, true);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getKind).containsOnly(AlertKind.REPEAT_CONTACT);
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getSummary()).isEqualTo("Customer C2001's issue was resolved");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());

        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));
        assertThat(harness.extractOutputValues()).as("nothing more").hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSurveyOnlyEpisodeResolvesAndLeavesNoState() throws Exception {
        survey("C5001", MONDAY_NINE_AM, 2);

        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(0).getTeamId()).as("the survey's own team, no interaction joined").isEqualTo("team-blue");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anIncompleteInteractionIsJudgedOnWhatIsKnownAndLeavesNoState() throws Exception {
        InteractionAccumulator acc = new InteractionAccumulator();
        Instant answered = MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT);
        acc.add(call("call-open", CallEventType.QUEUED, "C6001", MONDAY_NINE_AM, null));
        acc.add(call("call-open", CallEventType.ANSWERED, "C6001", answered, null));
        acc.closedByTimeout = true; // what the assembler emits when no ENDED came for the timeout
        Instant timedOut = answered.plus(CONFIG.interactionTimeout());
        advanceWatermarkTo(timedOut);
        harness.processElement1(new StreamRecord<>(acc, timedOut.toEpochMilli()));
        advanceWatermarkTo(timedOut.plusSeconds(1));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getReasons()).containsExactly("wait_s=540");
            assertThat(alert.getWindowStart()).as("at its last event").isEqualTo(answered);
        });

        harness.processBothWatermarks(new Watermark(MONDAY_NINE_AM.plus(Duration.ofDays(5)).toEpochMilli()));
        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** A call answered by agent-7 of team-blue, then transferred, the last time to team-red. */
    private static InteractionAccumulator transferredCall(String callId, String customer, Instant queuedAt,
            Duration wait, int transfers) {
        InteractionAccumulator acc = new InteractionAccumulator();
        Instant answered = queuedAt.plus(wait);
        acc.add(call(callId, CallEventType.QUEUED, customer, queuedAt, null));
        acc.add(call(callId, CallEventType.ANSWERED, customer, answered, null));
        String agent = "agent-7";
        String team = "team-blue";
        for (int t = 1; t <= transfers; t++) {
            agent = "agent-" + (20 + t);
            team = t == transfers ? "team-red" : "team-green";
            acc.add(CallEvent.newBuilder(call(callId, CallEventType.TRANSFERRED, customer, answered.plusSeconds(60L * t),
                    null)).setEventId(callId + "-t" + t).setAgentId(agent).setTeamId(team).build());
        }
        acc.add(CallEvent.newBuilder(call(callId, CallEventType.ENDED, customer, answered.plus(Duration.ofMinutes(10)),
                false)).setAgentId(agent).setTeamId(team).build());
        return acc;
    }

    private void interaction(String customer, Instant queuedAt, Duration wait, boolean resolved) throws Exception {
        String callId = "call-" + (++calls);
        InteractionAccumulator acc = new InteractionAccumulator();
        Instant answered = queuedAt.plus(wait);
        Instant ended = answered.plus(Duration.ofMinutes(6));
        acc.add(call(callId, CallEventType.QUEUED, customer, queuedAt, null));
        acc.add(call(callId, CallEventType.ANSWERED, customer, answered, resolved));
        acc.add(call(callId, CallEventType.ENDED, customer, ended, resolved));
        harness.processElement1(new StreamRecord<>(acc, ended.toEpochMilli()));
        advanceWatermarkTo(ended);
    }

    private static CallEvent call(String callId, CallEventType type, String customer, Instant at, Boolean resolved) {
        return CallEvent.newBuilder()
                .setEventId(callId + type).setCallId(callId).setType(type).setEventTime(at)
                .setCustomerId(customer).setQueue("billing")
                .setAgentId(type == CallEventType.QUEUED ? null : "agent-7")
                .setTeamId(type == CallEventType.QUEUED ? null : "team-blue")
                .setResolved(type == CallEventType.ENDED ? resolved : null)
                .build();
    }

    private void survey(String customer, Instant at, int csat) throws Exception {
        SurveyResponse survey = SurveyResponse.newBuilder()
                .setEventId("s-" + customer + at.toEpochMilli()).setInteractionId("call-" + calls)
                .setChannel(Channel.VOICE).setEventTime(at).setCustomerId(customer)
                .setTeamId("team-blue").setCsat(csat)
                .build();
        harness.processElement2(new StreamRecord<>(SurveyContext.alone(survey), at.toEpochMilli()));
        advanceWatermarkTo(at);
    }

    private void advanceWatermarkTo(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
    }

    @Test
    void inputsAreJudgedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        Instant callEnded = MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT).plus(Duration.ofMinutes(6));
        SurveyResponse laterSurvey = SurveyResponse.newBuilder()
                .setEventId("s-late").setInteractionId("call-x").setChannel(Channel.VOICE)
                .setEventTime(callEnded.plus(Duration.ofMinutes(10))).setCustomerId("C1042").setCsat(1).build();
        harness.processElement2(new StreamRecord<>(SurveyContext.alone(laterSurvey),
                laterSurvey.getEventTime().toEpochMilli()));
        InteractionAccumulator acc = new InteractionAccumulator();
        acc.add(call("call-x", CallEventType.QUEUED, "C1042", MONDAY_NINE_AM, null));
        acc.add(call("call-x", CallEventType.ANSWERED, "C1042", MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT), false));
        acc.add(call("call-x", CallEventType.ENDED, "C1042", callEnded, false));
        harness.processElement1(new StreamRecord<>(acc, callEnded.toEpochMilli()));
        advanceWatermarkTo(laterSurvey.getEventTime());

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE);
        assertThat(alerts.get(0).getReasons()).as("the call came first in event time").containsExactly("wait_s=540");
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(callEnded);
    }
}
