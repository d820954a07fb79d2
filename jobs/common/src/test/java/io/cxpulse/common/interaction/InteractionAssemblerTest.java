package io.cxpulse.common.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.Sender;
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

class InteractionAssemblerTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NINE_MINUTES_LATER = NINE_AM.plus(Duration.ofMinutes(9));
    private static final Instant TWENTY_ONE_MINUTES_LATER = NINE_AM.plus(Duration.ofMinutes(21));
    private static final Duration TIMEOUT = Duration.ofHours(4);

    private KeyedTwoInputStreamOperatorTestHarness<String, CallEvent, ChatEvent, InteractionAccumulator> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new InteractionAssembler(TIMEOUT)),
                InteractionAssembler::key, InteractionAssembler::key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void foldsACallIntoOneInteractionWhenTheWatermarkPassesItsEnd() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        call(CallEventType.TRANSFERRED, NINE_MINUTES_LATER.plusSeconds(60), "agent-9");
        call(CallEventType.ENDED, TWENTY_ONE_MINUTES_LATER, "agent-9");
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).as("not before the watermark passes ENDED").isEmpty();

        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli());

        Interaction call = single();
        assertThat(call.waitTime()).isEqualTo(Duration.ofMinutes(9));
        assertThat(call.handleTime()).isEqualTo(Duration.ofMinutes(12));
        assertThat(call.transfers()).isEqualTo(1);
        assertThat(call.agentId()).as("the last agent").isEqualTo("agent-9");
        assertThat(call.teamId()).isEqualTo("team-of-agent-9");
        assertThat(call.abandoned()).isFalse();
        assertThat(call.isResolved()).isFalse();
        assertThat(call.incomplete()).isFalse();
        assertThat(harness.extractOutputValues().get(0).startedLate).isFalse();
        assertCleanedUp();
    }

    @Test
    void eventsOutOfOrderGiveTheSameInteraction() throws Exception {
        call(CallEventType.ENDED, TWENTY_ONE_MINUTES_LATER, "agent-7");
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        call(CallEventType.QUEUED, NINE_AM, null);
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli());

        Interaction call = single();
        assertThat(call.waitTime()).isEqualTo(Duration.ofMinutes(9));
        assertThat(call.handleTime()).isEqualTo(Duration.ofMinutes(12));
        assertThat(call.startedAt()).isEqualTo(NINE_AM);
        assertCleanedUp();
    }

    @Test
    void anAbandonedCallClosesAtTheAbandon() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ABANDONED, NINE_AM.plusSeconds(150), null);
        advanceWatermarkTo(NINE_AM.plusSeconds(150).toEpochMilli());

        Interaction call = single();
        assertThat(call.abandoned()).isTrue();
        assertThat(call.waitTime()).isEqualTo(Duration.ofSeconds(150));
        assertThat(call.handleTime()).isNull();
        assertCleanedUp();
    }

    @Test
    void anInteractionThatNeverEndsIsClosedIncompleteAfterTheTimeout() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        advanceWatermarkTo(NINE_MINUTES_LATER.plus(TIMEOUT).toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        advanceWatermarkTo(NINE_MINUTES_LATER.plus(TIMEOUT).toEpochMilli());

        Interaction call = single();
        assertThat(call.incomplete()).isTrue();
        assertThat(call.handleTime()).isNull();
        assertCleanedUp();
    }

    @Test
    void theInactivityTimerIsNotMovedPerEventYetTheTimeoutCountsFromTheLastEvent() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        transfer("transfer-1", TWENTY_ONE_MINUTES_LATER, "agent-9");
        assertThat(harness.numEventTimeTimers()).as("still the first event's idle timer").isEqualTo(1);

        advanceWatermarkTo(NINE_AM.plus(TIMEOUT).toEpochMilli());
        assertThat(harness.extractOutputValues()).as("events came since: the timer moved on").isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.plus(TIMEOUT).toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.plus(TIMEOUT).toEpochMilli());

        assertThat(single().incomplete()).isTrue();
        assertCleanedUp();
    }

    @Test
    void aChatCarriesTheCustomersLanguageSignals() throws Exception {
        chat(ChatEventType.STARTED, NINE_AM, null, null);
        chat(ChatEventType.ANSWERED, NINE_AM.plusSeconds(20), null, null);
        chat(ChatEventType.MESSAGE, NINE_AM.plusSeconds(60), Sender.CUSTOMER, "这是我第三次联系你们了，太差了，我要投诉");
        chat(ChatEventType.MESSAGE, NINE_AM.plusSeconds(90), Sender.AGENT, "非常抱歉，我马上帮您处理");
        chat(ChatEventType.ENDED, NINE_AM.plusSeconds(600), null, null);
        advanceWatermarkTo(NINE_AM.plusSeconds(600).toEpochMilli());

        Interaction chat = single();
        assertThat(chat.channel()).isEqualTo(Interaction.Channel.CHAT);
        assertThat(chat.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(chat.negativeCustomerMessages()).isEqualTo(1);
        assertThat(chat.escalationTerms()).contains("投诉");
        assertThat(chat.sentiment()).isNegative();
        assertCleanedUp();
    }

    @Test
    void aProducersRetryOfATransferCountsOnceButASecondTransferCounts() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        transfer("call-1-transfer-1", NINE_MINUTES_LATER.plusSeconds(60), "agent-8");
        transfer("call-1-transfer-1", NINE_MINUTES_LATER.plusSeconds(60), "agent-8"); // the retry
        transfer("call-1-transfer-2", NINE_MINUTES_LATER.plusSeconds(120), "agent-9");
        call(CallEventType.ENDED, TWENTY_ONE_MINUTES_LATER, "agent-9");
        call(CallEventType.ENDED, TWENTY_ONE_MINUTES_LATER, "agent-9"); // the retry
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli());

        Interaction call = single();
        assertThat(call.transfers()).isEqualTo(2);
        assertThat(call.teamId()).isEqualTo("team-of-agent-9");
        assertThat(harness.extractOutputValues().get(0).eventIds).as("forgotten when emitted").isEmpty();
        assertCleanedUp();
    }

    @Test
    void aProducersRetryOfAChatMessageCountsOnce() throws Exception {
        chat(ChatEventType.STARTED, NINE_AM, null, null);
        chat(ChatEventType.ANSWERED, NINE_AM.plusSeconds(20), null, null);
        chat(ChatEventType.MESSAGE, NINE_AM.plusSeconds(60), Sender.CUSTOMER, "This is ridiculous, I want a manager");
        chat(ChatEventType.MESSAGE, NINE_AM.plusSeconds(60), Sender.CUSTOMER, "This is ridiculous, I want a manager");
        chat(ChatEventType.MESSAGE, NINE_AM.plusSeconds(90), Sender.CUSTOMER, "Thanks, that works");
        chat(ChatEventType.ENDED, NINE_AM.plusSeconds(600), null, null);
        advanceWatermarkTo(NINE_AM.plusSeconds(600).toEpochMilli());

        InteractionAccumulator chat = harness.extractOutputValues().get(0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(chat.customerMessages).as("two messages, one of them sent twice").isEqualTo(2);
        assertThat(chat.negativeCustomerMessages).isEqualTo(1);
        assertCleanedUp();
    }

    @Test
    void theAccumulatorFoldsAnEventIdOnlyOnce() {
        InteractionAccumulator acc = new InteractionAccumulator();
        CallEvent transfer = CallEvent.newBuilder()
                .setEventId("t-1").setCallId("call-9").setType(CallEventType.TRANSFERRED).setEventTime(NINE_AM)
                .setCustomerId("C1042").setQueue("billing").setAgentId("agent-8").setTeamId("team-red")
                .build();

        assertThat(acc.add(transfer)).isTrue();
        assertThat(acc.add(transfer)).isFalse();
        assertThat(acc.toInteraction().transfers()).isEqualTo(1);
    }

    @Test
    void aCallCarriesItsComplaintFlagAndReason() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7");
        harness.processElement1(new StreamRecord<>(CallEvent.newBuilder()
                .setEventId("call-1-ENDED").setCallId("call-1").setType(CallEventType.ENDED)
                .setEventTime(TWENTY_ONE_MINUTES_LATER).setCustomerId("C1042").setQueue("billing")
                .setAgentId("agent-7").setTeamId("team-of-agent-7").setResolved(false)
                .setComplaint(true).setReason("refund-delayed")
                .build(), TWENTY_ONE_MINUTES_LATER.toEpochMilli()));
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli());

        Interaction call = single();
        assertThat(call.complaint()).isTrue();
        assertThat(call.reason()).isEqualTo("refund-delayed");
        assertCleanedUp();
    }

    @Test
    void aCallWithoutAComplaintCarriesNone() throws Exception {
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ENDED, NINE_MINUTES_LATER, "agent-7");
        advanceWatermarkTo(NINE_MINUTES_LATER.toEpochMilli());

        Interaction call = single();
        assertThat(call.complaint()).isFalse();
        assertThat(call.reason()).isNull();
    }

    @Test
    void aLateFirstEventIsCountedNotAssembled() throws Exception {
        advanceWatermarkTo(TWENTY_ONE_MINUTES_LATER.toEpochMilli());
        call(CallEventType.QUEUED, NINE_AM, null);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertCleanedUp();
    }

    @Test
    void withALatenessAWholeLateCallIsStillAssembledButAStragglerOfAnEmittedOneIsNot() throws Exception {
        harness.close();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new InteractionAssembler(TIMEOUT, Duration.ofMinutes(5))),
                InteractionAssembler::key, InteractionAssembler::key, Types.STRING);
        harness.open();
        Instant answered = NINE_AM.plusSeconds(30);
        Instant ended = NINE_AM.plusSeconds(150);
        advanceWatermarkTo(NINE_AM.plusSeconds(240).toEpochMilli());
        call(CallEventType.QUEUED, NINE_AM, null);
        call(CallEventType.ANSWERED, answered, "agent-7");
        call(CallEventType.ENDED, ended, "agent-7");
        assertThat(harness.extractOutputValues()).as("every event is within the lateness: closed at the next watermark")
                .isEmpty();
        advanceWatermarkTo(NINE_AM.plusSeconds(241).toEpochMilli());
        assertThat(single().handleTime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(harness.extractOutputValues().get(0).startedLate)
                .as("an alert detector sharing this assembler leaves it out").isTrue();

        call(CallEventType.TRANSFERRED, NINE_AM.plusSeconds(60), "agent-9");
        advanceWatermarkTo(NINE_AM.plusSeconds(300).toEpochMilli());
        assertThat(harness.extractOutputValues()).as("no second, partial copy").hasSize(1);
        assertThat(harness.numKeyedStateEntries()).as("only the emitted marker").isEqualTo(1);

        advanceWatermarkTo(NINE_AM.plusSeconds(241 + 300).toEpochMilli());
        assertCleanedUp();
    }

    @Test
    void withALatenessAFirstEventLaterThanItIsStillCountedNotAssembled() throws Exception {
        harness.close();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new InteractionAssembler(TIMEOUT, Duration.ofMinutes(5))),
                InteractionAssembler::key, InteractionAssembler::key, Types.STRING);
        harness.open();
        advanceWatermarkTo(NINE_AM.plusSeconds(301).toEpochMilli());
        call(CallEventType.QUEUED, NINE_AM, null);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertCleanedUp();
    }

    private void advanceWatermarkTo(long ms) throws Exception {
        harness.processBothWatermarks(new Watermark(ms));
    }

    private Interaction single() {
        List<InteractionAccumulator> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        return out.get(0).toInteraction();
    }

    private void assertCleanedUp() {
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void call(CallEventType type, Instant at, String agent) throws Exception {
        CallEvent e = CallEvent.newBuilder()
                .setEventId("call-1-" + type).setCallId("call-1").setType(type).setEventTime(at)
                .setCustomerId("C1042").setQueue("billing").setAgentId(agent)
                .setTeamId(agent == null ? null : "team-of-" + agent)
                .setResolved(type == CallEventType.ENDED ? Boolean.FALSE : null)
                .build();
        harness.processElement1(new StreamRecord<>(e, at.toEpochMilli()));
    }

    private void transfer(String eventId, Instant at, String agent) throws Exception {
        CallEvent e = CallEvent.newBuilder()
                .setEventId(eventId).setCallId("call-1").setType(CallEventType.TRANSFERRED).setEventTime(at)
                .setCustomerId("C1042").setQueue("billing").setAgentId(agent).setTeamId("team-of-" + agent)
                .build();
        harness.processElement1(new StreamRecord<>(e, at.toEpochMilli()));
    }

    private void chat(ChatEventType type, Instant at, Sender sender, String text) throws Exception {
        ChatEvent e = ChatEvent.newBuilder()
                .setEventId("chat-1-" + type + "-" + at.toEpochMilli()).setChatId("chat-1").setType(type)
                .setEventTime(at).setCustomerId("C3001").setQueue("web-chat")
                .setAgentId(type == ChatEventType.STARTED ? null : "agent-3").setTeamId("team-green")
                .setSender(sender).setText(text)
                .build();
        harness.processElement2(new StreamRecord<>(e, at.toEpochMilli()));
    }
}
