package io.cxpulse.customer.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.config.DedupConfig;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.customer.CustomerCoreConfig;
import io.cxpulse.customer.CustomerInput;
import io.cxpulse.customer.logic.CustomerCoreLogic;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.metrics.logic.Contribution;
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
import io.cxpulse.schema.Interaction;
import io.cxpulse.schema.Sender;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer core as Flink runs it, fed raw input events: the customer alerts' rules, survey
 * matching, first-contact contributions, complaint attribution, de-duplication and what leaves
 * the core; after each story, the customer's state and timers are gone.
 */
class CustomerCoreTest {

    private static final Instant MONDAY_NINE_AM = Instant.parse("2026-11-16T09:00:00Z");
    private static final Duration SHORT_WAIT = Duration.ofSeconds(30);
    private static final Duration NINE_MINUTE_WAIT = Duration.ofMinutes(9);
    private static final Instant FIVE_DAYS_LATER = MONDAY_NINE_AM.plus(Duration.ofDays(5));
    private static final Instant FAR_LATER = MONDAY_NINE_AM.plus(Duration.ofDays(40));
    private static final CustomerCoreConfig CONFIG = CustomerCoreConfig.of(ExperienceConfig.DEFAULTS,
            MetricsConfig.DEFAULTS, ComplaintsConfig.DEFAULTS, DedupConfig.defaults());

    private CustomerCore core;
    private KeyedOneInputStreamOperatorTestHarness<String, CustomerInput, Alert> harness;
    private int calls;

    @BeforeEach
    void setUp() throws Exception {
        core = new CustomerCore(CONFIG);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(core),
                CustomerInput::customerOf, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    // --- customer alerts ------------------------------------------------------------------

    @Test
    void aLongWaitOpensAnEpisodeALowCsatUpdatesItAndAGoodNextCallResolvesIt() throws Exception {
        String first = handledCall("C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, false);
        survey("s1", first, "C1042", MONDAY_NINE_AM.plus(Duration.ofMinutes(30)), 1);
        handledCall("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(3)), SHORT_WAIT, true);

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
        assertThat(alerts.get(1).getEvidence()).as("the survey matched its call")
                .containsEntry("interaction_wait_s", 540.0);
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void theThirdUnresolvedContactWithin72HoursIsARepeatContact() throws Exception {
        handledCall("C2001", MONDAY_NINE_AM, SHORT_WAIT, false);
        handledCall("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(20)), SHORT_WAIT, false);
        assertThat(harness.extractOutputValues()).isEmpty();

        handledCall("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(45)), SHORT_WAIT, false);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.REPEAT_CONTACT);
            assertThat(alert.getSummary()).isEqualTo("Customer C2001 is on their 3rd unresolved contact in 72 h");
            assertThat(alert.getEvidence()).containsEntry("contacts_in_window", 3.0);
        });
        allStateGoesBy(FAR_LATER);
        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void aHappyCustomerAndAResolvedRepeatCallerRaiseNothing() throws Exception {
        String call = handledCall("C3001", MONDAY_NINE_AM, SHORT_WAIT, true);
        survey("s-happy", call, "C3001", MONDAY_NINE_AM.plus(Duration.ofMinutes(10)), 5);
        handledCall("C3002", MONDAY_NINE_AM, SHORT_WAIT, true);
        handledCall("C3002", MONDAY_NINE_AM.plus(Duration.ofHours(5)), SHORT_WAIT, true);
        handledCall("C3002", MONDAY_NINE_AM.plus(Duration.ofHours(10)), SHORT_WAIT, true);

        assertThat(harness.extractOutputValues()).isEmpty();
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aSurveyBeforeItsCallWaitsForItAndIsRoutedToTheCallsLastTeam() throws Exception {
        Instant surveyed = MONDAY_NINE_AM.plus(Duration.ofMinutes(20));
        survey("s-early", "call-t", "C1042", surveyed, 1); // the survey system was faster than the CTI
        watermark(MONDAY_NINE_AM);
        transferredCall("call-t", "C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, 2); // ends at 09:19
        watermark(MONDAY_NINE_AM.plus(Duration.ofMinutes(25)));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).getTeamId()).as("the rated call's last team").isEqualTo("team-red");
        assertThat(alerts.get(1).getEvidence()).containsEntry("interaction_transfers", 2.0);
        assertThat(contributions()).as("its queue counted: the call came within the metrics' wait")
                .anySatisfy(c -> assertThat(c.key()).isEqualTo("QUEUE|billing")
                        .satisfies(k -> assertThat(c.counts.csatResponses).isEqualTo(1)));
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aSurveyWhoseCallNeverComesIsJudgedAloneAfterItsWait() throws Exception {
        survey("s-alone", "call-never", "C5001", MONDAY_NINE_AM, 2);
        watermark(MONDAY_NINE_AM.plus(Duration.ofMinutes(9)));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(MONDAY_NINE_AM.plus(Duration.ofMinutes(10)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getTeamId()).as("the survey's own team").isEqualTo("team-blue");
            assertThat(alert.getEvidence()).doesNotContainKey("interaction_wait_s");
        });
        allStateGoesBy(FIVE_DAYS_LATER);
        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus)
                .as("a survey-only episode resolves after its quiet period")
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void aQuietPeriodResolvesAPoorExperienceAndAllStateIsClearedAfterTheWindow() throws Exception {
        handledCall("C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, false);
        watermark(MONDAY_NINE_AM.plus(Duration.ofHours(23)));
        assertThat(harness.extractOutputValues()).hasSize(1);

        allStateGoesBy(FIVE_DAYS_LATER);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    }

    @Test
    void aSurveyAfterItsCallIsRoutedToTheCallsLastTeamWithItsWaitAndTransfers() throws Exception {
        transferredCall("call-j", "C1042", MONDAY_NINE_AM, NINE_MINUTE_WAIT, 2); // ends at 09:19
        watermark(MONDAY_NINE_AM.plus(Duration.ofMinutes(19)));
        Instant surveyed = MONDAY_NINE_AM.plus(Duration.ofMinutes(40));
        survey("s-j", "call-j", "C1042", surveyed, 1);
        watermark(surveyed);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus)
                .as("the call's own long wait opened the episode; the survey updates it")
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE);
        assertThat(alerts.get(1)).satisfies(alert -> {
            assertThat(alert.getTeamId()).as("the rated interaction's last agent's team, not the survey's")
                    .isEqualTo("team-red");
            assertThat(alert.getEvidence()).containsEntry("csat", 1.0)
                    .containsEntry("interaction_wait_s", 540.0)
                    .containsEntry("interaction_transfers", 2.0);
            assertThat(alert.getSummary()).isEqualTo("Customer C1042 rated CSAT 1 after a 9 min wait and 2 transfers");
        });
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aSurveyFromARepeatCallerSaysWhichContactItWas() throws Exception {
        handledCall("C1042", MONDAY_NINE_AM, SHORT_WAIT, false);
        handledCall("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(2)), SHORT_WAIT, false);
        Instant thirdQueued = MONDAY_NINE_AM.plus(Duration.ofHours(4));
        transferredCall("call-3rd", "C1042", thirdQueued, NINE_MINUTE_WAIT, 0);
        Instant thirdEnded = thirdQueued.plus(NINE_MINUTE_WAIT).plus(Duration.ofMinutes(10));
        watermark(thirdEnded);
        Instant surveyed = thirdEnded.plus(Duration.ofMinutes(15));
        survey("s-3rd", "call-3rd", "C1042", surveyed, 1);
        watermark(surveyed);

        List<Alert> alerts = harness.extractOutputValues();
        Alert surveyAlert = alerts.get(alerts.size() - 1);
        assertThat(surveyAlert.getKind()).isEqualTo(AlertKind.POOR_EXPERIENCE);
        assertThat(surveyAlert.getStatus()).as("the third call's long wait opened the episode")
                .isEqualTo(AlertStatus.UPDATE);
        assertThat(surveyAlert.getSummary())
                .isEqualTo("Customer C1042 rated CSAT 1 after a 9 min wait; 3rd unresolved contact in 72 h");
        assertThat(surveyAlert.getEvidence()).containsEntry("contacts_in_window", 3.0);
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void anUpdateWithMilderSignalsKeepsTheEpisodesHighestSeverity() throws Exception {
        survey("s-first", "call-none", "C1042", MONDAY_NINE_AM, 1);                             // CSAT 1: HIGH
        handledCall("C1042", MONDAY_NINE_AM.plus(Duration.ofHours(1)), Duration.ofMinutes(6), false); // MEDIUM
        allStateGoesBy(FIVE_DAYS_LATER);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getReasons()).containsExactly("wait_s=360");
        assertThat(alerts).extracting(Alert::getSeverity).containsOnly(Severity.HIGH);
    }

    @Test
    void aRepeatContactEpisodeEndsAfterItsQuietPeriodAndLeavesNoState() throws Exception {
        for (int h = 0; h < 3; h++) {
            handledCall("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(2L * h)), SHORT_WAIT, false);
        }
        assertThat(harness.extractOutputValues()).extracting(Alert::getKind, Alert::getStatus)
                .containsExactly(tuple(AlertKind.REPEAT_CONTACT, AlertStatus.OPEN));

        allStateGoesBy(FIVE_DAYS_LATER);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getKind()).isEqualTo(AlertKind.REPEAT_CONTACT);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    }

    @Test
    void aContactThatResolvesTheIssueEndsTheRepeatContactEpisodeAndItsStateGoesAfterTheWindow() throws Exception {
        for (int h = 0; h < 3; h++) {
            handledCall("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(2L * h)), SHORT_WAIT, false);
        }
        handledCall("C2001", MONDAY_NINE_AM.plus(Duration.ofHours(8)), SHORT_WAIT, true);

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getKind).containsOnly(AlertKind.REPEAT_CONTACT);
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getSummary()).isEqualTo("Customer C2001's issue was resolved");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());

        allStateGoesBy(FIVE_DAYS_LATER);
        assertThat(harness.extractOutputValues()).as("nothing more").hasSize(2);
    }

    @Test
    void anIncompleteCallIsJudgedOnWhatIsKnownAndLeavesNoState() throws Exception {
        Instant answered = MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT);
        call("call-open", CallEventType.QUEUED, "C6001", MONDAY_NINE_AM, null);
        call("call-open", CallEventType.ANSWERED, "C6001", answered, null);
        Instant timedOut = answered.plus(CONFIG.interactionTimeout());
        watermark(timedOut.minusMillis(1));
        assertThat(interactions()).as("not before the timeout").isEmpty();

        watermark(timedOut);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getReasons()).containsExactly("wait_s=540");
            assertThat(alert.getWindowStart()).as("at its last event").isEqualTo(answered);
        });
        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getComplete()).isFalse();
            assertThat(i.getHandleMs()).isNull();
        });
        assertThat(contributions()).as("a contact that never completed contributes nothing").isEmpty();
        allStateGoesBy(FIVE_DAYS_LATER);
        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void inputsAreJudgedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        Instant callEnded = MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT).plus(Duration.ofMinutes(6));
        survey("s-x", "call-x", "C1042", callEnded.plus(Duration.ofMinutes(10)), 1);
        call("call-x", CallEventType.ENDED, "C1042", callEnded, false);
        call("call-x", CallEventType.ANSWERED, "C1042", MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT), null);
        call("call-x", CallEventType.QUEUED, "C1042", MONDAY_NINE_AM, null);
        watermark(callEnded.plus(Duration.ofMinutes(10)));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE);
        assertThat(alerts.get(0).getReasons()).as("the call came first in event time").containsExactly("wait_s=540");
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(callEnded);
    }

    @Test
    void aChatCustomerWhoWritesAngryEscalationWordsIsAPoorExperience() throws Exception {
        chat("chat-1", ChatEventType.STARTED, null, MONDAY_NINE_AM);
        chat("chat-1", ChatEventType.MESSAGE, "我要投诉，你们的服务太差了", MONDAY_NINE_AM.plusSeconds(30));
        chat("chat-1", ChatEventType.ENDED, null, MONDAY_NINE_AM.plusSeconds(300));
        watermark(MONDAY_NINE_AM.plusSeconds(300));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert ->
                assertThat(alert.getReasons()).anySatisfy(r -> assertThat(r).startsWith("escalation")));
        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getChannel()).isEqualTo(Channel.CHAT);
            assertThat(i.getCustomerMessages()).isEqualTo(1);
            assertThat(i.getEscalationTerms()).isNotEmpty();
        });
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aChatCarriesTheCustomersLanguageSignalsAndTheAgentsWordsAreNotScored() throws Exception {
        chat("chat-2", ChatEventType.STARTED, null, MONDAY_NINE_AM);
        chat("chat-2", ChatEventType.ANSWERED, null, MONDAY_NINE_AM.plusSeconds(20));
        chat("chat-2", ChatEventType.MESSAGE, "这是我第三次联系你们了，太差了，我要投诉", MONDAY_NINE_AM.plusSeconds(60));
        agentMessage("chat-2", "非常抱歉，我马上帮您处理，这确实太差了", MONDAY_NINE_AM.plusSeconds(90));
        chat("chat-2", ChatEventType.ENDED, null, MONDAY_NINE_AM.plusSeconds(600));
        watermark(MONDAY_NINE_AM.plusSeconds(600));

        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getChannel()).isEqualTo(Channel.CHAT);
            assertThat(i.getWaitMs()).isEqualTo(20_000L);
            assertThat(i.getCustomerMessages()).isEqualTo(1);
            assertThat(i.getNegativeMessages()).isEqualTo(1);
            assertThat(i.getEscalationTerms()).contains("投诉");
            assertThat(i.getSentiment()).isNegative();
        });
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aProducersRetryOfAChatMessageCountsOnce() throws Exception {
        chat("chat-3", ChatEventType.STARTED, null, MONDAY_NINE_AM);
        chat("chat-3", ChatEventType.ANSWERED, null, MONDAY_NINE_AM.plusSeconds(20));
        chat("chat-3", ChatEventType.MESSAGE, "This is ridiculous, I want a manager", MONDAY_NINE_AM.plusSeconds(60));
        chat("chat-3", ChatEventType.MESSAGE, "This is ridiculous, I want a manager", MONDAY_NINE_AM.plusSeconds(60));
        chat("chat-3", ChatEventType.MESSAGE, "Thanks, that works", MONDAY_NINE_AM.plusSeconds(90));
        chat("chat-3", ChatEventType.ENDED, null, MONDAY_NINE_AM.plusSeconds(600));
        watermark(MONDAY_NINE_AM.plusSeconds(600));

        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getCustomerMessages()).as("two messages, one of them sent twice").isEqualTo(2);
            assertThat(i.getNegativeMessages()).isEqualTo(1);
        });
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aProducersRetryOfATransferCountsOnceButASecondTransferCounts() throws Exception {
        call("call-rt", CallEventType.QUEUED, "C1042", MONDAY_NINE_AM, null);
        call("call-rt", CallEventType.ANSWERED, "C1042", MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT), null);
        CallEvent transfer = transfer("call-rt", "call-rt-transfer-1", MONDAY_NINE_AM.plus(Duration.ofMinutes(10)),
                "agent-8");
        send(transfer);
        send(transfer); // the retry
        send(transfer("call-rt", "call-rt-transfer-2", MONDAY_NINE_AM.plus(Duration.ofMinutes(11)), "agent-9"));
        CallEvent ended = CallEvent.newBuilder(callEvent("call-rt", CallEventType.ENDED, "C1042",
                MONDAY_NINE_AM.plus(Duration.ofMinutes(21)), false)).setAgentId("agent-9").setTeamId("team-of-agent-9")
                .build();
        send(ended);
        send(ended); // the retry
        watermark(MONDAY_NINE_AM.plus(Duration.ofMinutes(21)));

        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getTransfers()).isEqualTo(2);
            assertThat(i.getTeamId()).isEqualTo("team-of-agent-9");
        });
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aCallsEventsShareOneTimerAndItsTimeoutCountsFromItsLastEvent() throws Exception {
        Instant lastEvent = MONDAY_NINE_AM.plus(Duration.ofMinutes(21));
        call("call-idle", CallEventType.QUEUED, "C1042", MONDAY_NINE_AM, null);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        call("call-idle", CallEventType.ANSWERED, "C1042", MONDAY_NINE_AM.plus(NINE_MINUTE_WAIT), null);
        send(transfer("call-idle", "call-idle-transfer-1", lastEvent, "agent-9"));
        assertThat(harness.numEventTimeTimers()).as("not one timer per event").isEqualTo(1);

        watermark(MONDAY_NINE_AM.plus(CONFIG.interactionTimeout()));
        assertThat(interactions()).as("events came since").isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark(lastEvent.plus(CONFIG.interactionTimeout()).minusMillis(1));
        assertThat(interactions()).isEmpty();

        watermark(lastEvent.plus(CONFIG.interactionTimeout()));

        assertThat(interactions()).singleElement().satisfies(i -> assertThat(i.getComplete()).isFalse());
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aWholeCallBehindTheWatermarkWithinTheLatenessIsCountedButRaisesNoAlertAndAStragglerMakesNoCopy()
            throws Exception {
        Instant queued = MONDAY_NINE_AM;
        Instant answered = queued.plus(Duration.ofMinutes(6)); // a 6-minute wait: a poor experience, on time
        Instant ended = answered.plus(Duration.ofMinutes(2));
        watermark(ended.plus(Duration.ofMinutes(2)));
        call("call-late", CallEventType.ENDED, "C1042", ended, false); // behind by 2 min, within the 5-min lateness
        call("call-late", CallEventType.ANSWERED, "C1042", answered, null);
        call("call-late", CallEventType.QUEUED, "C1042", queued, null);
        assertThat(interactions()).as("closed at the next watermark").isEmpty();

        watermark(ended.plus(Duration.ofMinutes(2)).plusMillis(1));

        assertThat(interactions()).singleElement().satisfies(i -> assertThat(i.getHandleMs()).isEqualTo(120_000L));
        assertThat(contributions()).as("the metrics count it, as a correction")
                .anySatisfy(c -> assertThat(c.key()).isEqualTo("ALL|all"));
        assertThat(harness.extractOutputValues()).as("the customer alerts leave out what they could not see on time")
                .isEmpty();

        send(transfer("call-late", "call-late-transfer-1", queued.plus(Duration.ofMinutes(7)), "agent-9"));
        watermark(ended.plus(Duration.ofMinutes(5)));
        assertThat(interactions()).as("no second, partial copy").hasSize(1);
        allStateGoesBy(FAR_LATER);
    }

    // --- what leaves the core -------------------------------------------------------------

    @Test
    void aClosedCallLeavesAsOneInteractionRecordWithItsContactContributionsAndQueueMoves() throws Exception {
        String callId = handledCall("C7001", MONDAY_NINE_AM, SHORT_WAIT, true);

        assertThat(interactions()).singleElement().satisfies(i -> {
            assertThat(i.getInteractionId()).isEqualTo(callId);
            assertThat(i.getWaitMs()).isEqualTo(30_000L);
            assertThat(i.getHandleMs()).isEqualTo(360_000L);
            assertThat(i.getResolved()).isTrue();
            assertThat(i.getComplete()).isTrue();
            assertThat(i.getQueue()).isEqualTo("billing");
        });
        assertThat(contributions()).as("a contact fans out to every dimension it carries").extracting(Contribution::key)
                .containsExactlyInAnyOrder("ALL|all", "CHANNEL|VOICE", "QUEUE|billing", "TEAM|team-blue", "AGENT|agent-7");
        assertThat(contributions()).filteredOn(c -> c.key().equals("ALL|all")).singleElement().satisfies(c -> {
            assertThat(c.counts.contacts).isEqualTo(1);
            assertThat(c.counts.resolvedFirstContact).as("first contact on its reason").isEqualTo(1);
        });
        assertThat(sideOutput(CoreOutputs.QUEUE_MOVES)).extracting(m -> m.type)
                .containsExactly(CallEventType.QUEUED, CallEventType.ANSWERED, CallEventType.ENDED);
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aSecondContactOnTheSameReasonWithinTheLookbackIsNotFirstContactResolved() throws Exception {
        handledCall("C7002", MONDAY_NINE_AM, SHORT_WAIT, true);
        handledCall("C7002", MONDAY_NINE_AM.plus(Duration.ofHours(24)), SHORT_WAIT, true);

        assertThat(contributions()).filteredOn(c -> c.key().equals("ALL|all"))
                .extracting(c -> c.counts.resolvedFirstContact).containsExactly(1L, 0L);
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void theEarlierOfTwoResolvedContactsOnOneReasonIsTheFirstWhateverTheirArrivalOrder() throws Exception {
        long nine = MONDAY_NINE_AM.toEpochMilli();
        contactOn("c2", "C7003", "refund", MONDAY_NINE_AM.plus(Duration.ofHours(5)), true);
        contactOn("c1", "C7003", "refund", MONDAY_NINE_AM, true);
        contactOn("c3", "C7003", "delivery", MONDAY_NINE_AM.plus(Duration.ofHours(6)), true);
        assertThat(contributions()).as("judged when the watermark passes").isEmpty();

        watermark(MONDAY_NINE_AM.plus(Duration.ofHours(6)));

        Map<String, Long> firstByHour = contributions().stream().filter(c -> c.dimension.equals("ALL"))
                .collect(Collectors.toMap(c -> Long.toString((c.timeMs - nine) / 3_600_000L),
                        c -> c.counts.resolvedFirstContact));
        assertThat(firstByHour).containsExactlyInAnyOrderEntriesOf(Map.of("0", 1L, "5", 0L, "6", 1L));
        assertThat(harness.getSideOutput(CoreOutputs.CONTRIBUTIONS)).allSatisfy(r ->
                assertThat(r.getTimestamp()).as("at its completion time").isEqualTo(r.getValue().timeMs));
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aContactAfterTheLookbackIsFirstAgainAndTheCustomerLeavesNoState() throws Exception {
        Instant later = MONDAY_NINE_AM.plus(Duration.ofHours(73));
        contactOn("c1", "C7004", "refund", MONDAY_NINE_AM, true);
        watermark(MONDAY_NINE_AM);
        contactOn("c2", "C7004", "refund", later, true);
        watermark(later);

        assertThat(contributions()).filteredOn(c -> c.dimension.equals("ALL"))
                .extracting(c -> c.counts.resolvedFirstContact).containsExactly(1L, 1L);
        // the reason counts until the lookback has passed, and is removed at the next clean-up
        allStateGoesBy(later.plus(CONFIG.firstContactLookback()).plusMillis(1 + CustomerCoreLogic.CLEANUP_GRID_MS));
    }

    @Test
    void anUnresolvedFirstContactIsNotResolvedOnFirstContactButStillStartsTheStreak() throws Exception {
        contactOn("c1", "C7005", "refund", MONDAY_NINE_AM, false);
        contactOn("c2", "C7005", "refund", MONDAY_NINE_AM.plus(Duration.ofHours(1)), true);
        watermark(MONDAY_NINE_AM.plus(Duration.ofHours(1)));

        List<Contribution> all = contributions().stream().filter(c -> c.dimension.equals("ALL")).toList();
        assertThat(all).extracting(c -> c.counts.resolvedFirstContact).containsExactly(0L, 0L);
        assertThat(all).extracting(c -> c.counts.handled).containsExactly(1L, 1L);
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aRetriedEventCountsOnce() throws Exception {
        CallEvent queued = callEvent("call-r", CallEventType.QUEUED, "C8001", MONDAY_NINE_AM, null);
        harness.processElement(new StreamRecord<>(CustomerInput.of(queued), MONDAY_NINE_AM.toEpochMilli()));
        harness.processElement(new StreamRecord<>(CustomerInput.of(queued), MONDAY_NINE_AM.toEpochMilli()));
        SurveyResponse survey = surveyEvent("s-r", "call-r", "C8001", MONDAY_NINE_AM.plusSeconds(600), 5);
        harness.processElement(new StreamRecord<>(CustomerInput.of(survey), 0));
        harness.processElement(new StreamRecord<>(CustomerInput.of(survey), 0));
        watermark(MONDAY_NINE_AM.plusSeconds(600));

        assertThat(sideOutput(CoreOutputs.QUEUE_MOVES)).as("the retry went no further").hasSize(1);
        assertThat(contributions()).filteredOn(c -> c.key().equals("ALL|all"))
                .extracting(c -> c.counts.csatResponses).containsExactly(1L);
        assertThat(core.getRuntimeContext().getLongCounter("calls.duplicates").getLocalValue())
                .as("counted, for a replay's summary").isEqualTo(1L);
        assertThat(core.getRuntimeContext().getLongCounter("surveys.duplicates").getLocalValue()).isEqualTo(1L);
        assertThat(core.getRuntimeContext().getLongCounter("chats.duplicates").getLocalValue()).isZero();
        allStateGoesBy(FAR_LATER);
    }

    // --- complaints and orders ------------------------------------------------------------

    @Test
    void aComplaintAboutAShippedOrderIsAttributedToItsSupplierAtOnce() throws Exception {
        shipped("order-1", "C9001", "WH-A", MONDAY_NINE_AM);
        complaint("k1", "C9001", "order-1", MONDAY_NINE_AM.plus(Duration.ofDays(2)));
        watermark(MONDAY_NINE_AM.plus(Duration.ofDays(2)));

        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).singleElement()
                .satisfies(c -> assertThat(c.supplierId).isEqualTo("WH-A"));
        assertThat(sideOutput(CoreOutputs.SHARE_COUNTS)).extracting(c -> c.what + ":" + c.supplierId + ":" + c.category)
                .containsExactly(ShareCount.SHIPMENT + ":WH-A:null", ShareCount.COMPLAINT + ":WH-A:SHIPPING");
        assertThat(contributions()).extracting(Contribution::key).contains("SUPPLIER|WH-A", "CATEGORY|SHIPPING");
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void aComplaintBeforeItsShipmentWaitsForItAndOtherwiseCountsUnattributed() throws Exception {
        complaint("k-wait", "C9002", "order-2", MONDAY_NINE_AM);
        complaint("k-never", "C9002", "order-x", MONDAY_NINE_AM);
        watermark(MONDAY_NINE_AM);
        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).as("counted for spikes at once, supplier pending")
                .hasSize(2).allSatisfy(c -> assertThat(c.isAttributed()).isFalse());
        shipped("order-2", "C9002", "WH-F", MONDAY_NINE_AM.minusSeconds(3600)); // the WMS was slow to say so
        watermark(MONDAY_NINE_AM.plus(Duration.ofHours(1)));

        assertThat(sideOutput(CoreOutputs.SHARE_COUNTS)).filteredOn(c -> c.what != ShareCount.SHIPMENT)
                .extracting(c -> c.what + ":" + c.supplierId)
                .containsExactlyInAnyOrder(ShareCount.COMPLAINT + ":WH-F", ShareCount.UNATTRIBUTED + ":null");
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void everyComplaintLeavesOnArrivalWithItsSupplierOrWithNoneWhileItsShipmentIsPending() throws Exception {
        shipped("o1", "C9003", "S3", MONDAY_NINE_AM);
        complaint("k1", "C9003", "o1", MONDAY_NINE_AM.plus(Duration.ofHours(2)));
        complaint("k2", "C9003", "o2", MONDAY_NINE_AM.plus(Duration.ofHours(3)));
        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).as("not before the watermark reaches them").isEmpty();
        watermark(MONDAY_NINE_AM.plus(Duration.ofHours(3)));

        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED))
                .extracting(a -> a.complaintId + ":" + a.supplierId + ":" + a.ownerTeam)
                .containsExactly("k1:S3:returns-desk", "k2:null:returns-desk");
        assertThat(complaintShareCounts()).as("k2 is still waiting for the supplier shares")
                .containsExactly(ShareCount.COMPLAINT + ":S3");

        shipped("o2", "C9003", "S1", MONDAY_NINE_AM.plus(Duration.ofMinutes(200)));
        assertThat(complaintShareCounts()).containsExactly(ShareCount.COMPLAINT + ":S3", ShareCount.COMPLAINT + ":S1");
        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).as("the arrival stream is not told twice").hasSize(2);
        allStateGoesBy(FAR_LATER);
        assertThat(complaintShareCounts()).as("nor the shares").hasSize(2);
    }

    @Test
    void aShipmentReadAfterItsComplaintButShippedBeforeItIsNamedOnArrivalWhicheverInputCameFirst()
            throws Exception {
        complaint("k1", "C9004", "o1", MONDAY_NINE_AM.plus(Duration.ofDays(2)));
        shipped("o1", "C9004", "S3", MONDAY_NINE_AM);
        complaint("k2", "C9004", "o2", MONDAY_NINE_AM.plus(Duration.ofDays(2)));
        watermark(MONDAY_NINE_AM.plus(Duration.ofDays(2)));

        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).extracting(a -> a.complaintId + ":" + a.supplierId)
                .containsExactly("k1:S3", "k2:null");
        complaint("k3", "C9004", "o1", MONDAY_NINE_AM.plus(Duration.ofDays(1)));
        assertThat(sideOutput(CoreOutputs.COMPLAINTS_ARRIVED)).as("behind the watermark: passed on at once")
                .extracting(a -> a.complaintId + ":" + a.supplierId).containsExactly("k1:S3", "k2:null", "k3:S3");
        allStateGoesBy(FAR_LATER);
    }

    @Test
    void eventIdsAreForgottenTogetherOnTheCustomersHourlyCleanUpGridNotOneWakeUpEach() throws Exception {
        Instant first = MONDAY_NINE_AM.plusSeconds(7);
        for (Instant at : List.of(first, first.plus(Duration.ofMinutes(1)), first.plus(Duration.ofMinutes(4)))) {
            ComplaintEvent update = ComplaintEvent.newBuilder()
                    .setEventId("cmp-" + at.toEpochMilli()).setComplaintId("k1").setType(ComplaintEventType.RESOLVED)
                    .setEventTime(at).setCustomerId("C9005").setCategory(ComplaintCategory.SHIPPING)
                    .setChannel(Channel.EMAIL).setOwnerTeam("returns-desk").build();
            harness.processElement(new StreamRecord<>(CustomerInput.of(update), at.toEpochMilli()));
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(first.plus(CONFIG.dedupHorizon()).plus(Duration.ofMinutes(4))); // every id's time is up
        assertThat(harness.numKeyedStateEntries()).as("kept until the grid").isEqualTo(1);
        // C9005's clean-up grid lies 51 min 2.501 s past each hour
        Instant grid = Instant.parse("2026-11-16T10:00:00Z").plusMillis(CustomerCoreLogic.cleanupOffset("C9005"));
        assertThat(grid).isEqualTo(Instant.parse("2026-11-16T10:51:02.501Z"));
        watermark(grid.minusMillis(1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        watermark(grid);
        assertThat(harness.numKeyedStateEntries()).as("all forgotten in one wake-up").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    // --- helpers --------------------------------------------------------------------------

    private void allStateGoesBy(Instant later) throws Exception {
        watermark(later);
        assertThat(harness.numKeyedStateEntries()).as("state left").isZero();
        assertThat(harness.numEventTimeTimers()).as("timers left").isZero();
    }

    private List<String> complaintShareCounts() {
        return sideOutput(CoreOutputs.SHARE_COUNTS).stream().filter(c -> c.what != ShareCount.SHIPMENT)
                .map(c -> c.what + ":" + c.supplierId).toList();
    }

    private List<Contribution> contributions() {
        return sideOutput(CoreOutputs.CONTRIBUTIONS);
    }

    private List<Interaction> interactions() {
        return sideOutput(CoreOutputs.INTERACTIONS);
    }

    private <T> List<T> sideOutput(OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    /** A call queued at {@code queuedAt}, answered after {@code wait}, ended six minutes later; watermark at its end. */
    private String handledCall(String customer, Instant queuedAt, Duration wait, boolean resolved) throws Exception {
        String callId = "call-" + (++calls);
        Instant answered = queuedAt.plus(wait);
        Instant ended = answered.plus(Duration.ofMinutes(6));
        call(callId, CallEventType.QUEUED, customer, queuedAt, null);
        call(callId, CallEventType.ANSWERED, customer, answered, null);
        call(callId, CallEventType.ENDED, customer, ended, resolved);
        watermark(ended);
        return callId;
    }

    /** Answered by agent-7 of team-blue, then transferred, the last time to team-red; ended 10 min after the answer. */
    private void transferredCall(String callId, String customer, Instant queuedAt, Duration wait, int transfers)
            throws Exception {
        Instant answered = queuedAt.plus(wait);
        call(callId, CallEventType.QUEUED, customer, queuedAt, null);
        call(callId, CallEventType.ANSWERED, customer, answered, null);
        String agent = "agent-7";
        String team = "team-blue";
        for (int t = 1; t <= transfers; t++) {
            agent = "agent-" + (20 + t);
            team = t == transfers ? "team-red" : "team-green";
            send(CallEvent.newBuilder(callEvent(callId, CallEventType.TRANSFERRED, customer,
                    answered.plusSeconds(60L * t), null)).setEventId(callId + "-t" + t).setAgentId(agent)
                    .setTeamId(team).build());
        }
        send(CallEvent.newBuilder(callEvent(callId, CallEventType.ENDED, customer, answered.plus(Duration.ofMinutes(10)),
                false)).setAgentId(agent).setTeamId(team).build());
    }

    /** A call on {@code reason}, answered after 10 s and ended at {@code ended}; no watermark. */
    private void contactOn(String callId, String customer, String reason, Instant ended, boolean resolved)
            throws Exception {
        call(callId, CallEventType.QUEUED, customer, ended.minusSeconds(600), null);
        call(callId, CallEventType.ANSWERED, customer, ended.minusSeconds(590), null);
        send(CallEvent.newBuilder(callEvent(callId, CallEventType.ENDED, customer, ended, resolved)).setReason(reason)
                .build());
    }

    private static CallEvent transfer(String callId, String eventId, Instant at, String agent) {
        return CallEvent.newBuilder(callEvent(callId, CallEventType.TRANSFERRED, "C1042", at, null))
                .setEventId(eventId).setAgentId(agent).setTeamId("team-of-" + agent).build();
    }

    private void call(String callId, CallEventType type, String customer, Instant at, Boolean resolved)
            throws Exception {
        send(callEvent(callId, type, customer, at, resolved));
    }

    private void send(CallEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(CustomerInput.of(e), e.getEventTime().toEpochMilli()));
    }

    private static CallEvent callEvent(String callId, CallEventType type, String customer, Instant at,
            Boolean resolved) {
        return CallEvent.newBuilder()
                .setEventId(callId + type).setCallId(callId).setType(type).setEventTime(at)
                .setCustomerId(customer).setQueue("billing")
                .setAgentId(type == CallEventType.QUEUED ? null : "agent-7")
                .setTeamId(type == CallEventType.QUEUED ? null : "team-blue")
                .setResolved(type == CallEventType.ENDED ? resolved : null)
                .build();
    }

    private void chat(String chatId, ChatEventType type, String text, Instant at) throws Exception {
        ChatEvent e = ChatEvent.newBuilder()
                .setEventId(chatId + type + at.toEpochMilli()).setChatId(chatId).setType(type).setEventTime(at)
                .setCustomerId("C4001").setQueue("web-chat").setAgentId("agent-9").setTeamId("team-green")
                .setSender(text == null ? null : Sender.CUSTOMER).setText(text)
                .build();
        harness.processElement(new StreamRecord<>(CustomerInput.of(e), at.toEpochMilli()));
    }

    private void agentMessage(String chatId, String text, Instant at) throws Exception {
        ChatEvent e = ChatEvent.newBuilder()
                .setEventId(chatId + "-agent-" + at.toEpochMilli()).setChatId(chatId).setType(ChatEventType.MESSAGE)
                .setEventTime(at).setCustomerId("C4001").setQueue("web-chat").setAgentId("agent-9")
                .setTeamId("team-green").setSender(Sender.AGENT).setText(text)
                .build();
        harness.processElement(new StreamRecord<>(CustomerInput.of(e), at.toEpochMilli()));
    }

    private void survey(String id, String interactionId, String customer, Instant at, int csat) throws Exception {
        harness.processElement(new StreamRecord<>(CustomerInput.of(surveyEvent(id, interactionId, customer, at, csat)),
                at.toEpochMilli()));
    }

    private static SurveyResponse surveyEvent(String id, String interactionId, String customer, Instant at, int csat) {
        return SurveyResponse.newBuilder()
                .setEventId(id).setInteractionId(interactionId).setChannel(Channel.VOICE).setEventTime(at)
                .setCustomerId(customer).setTeamId("team-blue").setAgentId("agent-7").setCsat(csat)
                .build();
    }

    private void shipped(String orderId, String customer, String supplier, Instant at) throws Exception {
        ShipmentEvent e = ShipmentEvent.newBuilder()
                .setEventId("ship-" + orderId).setOrderId(orderId).setType(ShipmentEventType.SHIPPED).setEventTime(at)
                .setCustomerId(customer).setSupplierId(supplier).setCarrier("PostNord")
                .build();
        harness.processElement(new StreamRecord<>(CustomerInput.of(e), at.toEpochMilli()));
    }

    private void complaint(String id, String customer, String orderId, Instant at) throws Exception {
        ComplaintEvent e = ComplaintEvent.newBuilder()
                .setEventId("cmp-" + id).setComplaintId(id).setType(ComplaintEventType.OPENED).setEventTime(at)
                .setCustomerId(customer).setCategory(ComplaintCategory.SHIPPING).setOrderId(orderId)
                .setChannel(Channel.EMAIL).setOwnerTeam("returns-desk")
                .build();
        harness.processElement(new StreamRecord<>(CustomerInput.of(e), at.toEpochMilli()));
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(new Watermark(at.toEpochMilli()));
    }
}
