package io.cxpulse.common.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SurveyJoinerTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant CALL_ENDED = NINE_AM.plus(Duration.ofMinutes(15));
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration RETENTION = Duration.ofHours(48);

    private KeyedTwoInputStreamOperatorTestHarness<String, InteractionAccumulator, SurveyResponse, SurveyContext> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new SurveyJoiner(WAIT, RETENTION)),
                acc -> acc.interactionId, SurveyResponse::getInteractionId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aSurveyAfterItsInteractionCarriesTheAgentTeamWaitAndTransfers() throws Exception {
        harness.processElement1(new StreamRecord<>(nineMinuteWaitCall(), CALL_ENDED.toEpochMilli()));
        harness.processElement2(new StreamRecord<>(survey(CALL_ENDED.plusSeconds(300)), CALL_ENDED.toEpochMilli() + 300_000));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(joined -> {
            assertThat(joined.joined).isTrue();
            assertThat(joined.teamId).isEqualTo("team-blue");
            assertThat(joined.agentId).isEqualTo("agent-7");
            assertThat(joined.waitSeconds).isEqualTo(540L);
            assertThat(joined.transfers).isEqualTo(1);
        });
        harness.processBothWatermarks(new Watermark(CALL_ENDED.plus(RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSurveyThatArrivesFirstWaitsForItsInteraction() throws Exception {
        harness.processElement2(new StreamRecord<>(survey(CALL_ENDED.plusSeconds(60)), CALL_ENDED.toEpochMilli() + 60_000));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement1(new StreamRecord<>(nineMinuteWaitCall(), CALL_ENDED.toEpochMilli()));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(joined -> assertThat(joined.joined).isTrue());
    }

    @Test
    void aSurveyWhoseInteractionNeverArrivesGoesOutAloneAfterTheWait() throws Exception {
        Instant answered = CALL_ENDED.plusSeconds(60);
        harness.processElement2(new StreamRecord<>(survey(answered), answered.toEpochMilli()));
        harness.processBothWatermarks(new Watermark(answered.plus(WAIT).toEpochMilli() - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBothWatermarks(new Watermark(answered.plus(WAIT).toEpochMilli()));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alone -> {
            assertThat(alone.joined).isFalse();
            assertThat(alone.teamId).as("from the survey's own fields").isEqualTo("team-survey");
            assertThat(alone.survey.getCsat()).isEqualTo(1);
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static InteractionAccumulator nineMinuteWaitCall() {
        InteractionAccumulator acc = new InteractionAccumulator();
        acc.add(call(CallEventType.QUEUED, NINE_AM, null));
        acc.add(call(CallEventType.ANSWERED, NINE_AM.plus(Duration.ofMinutes(9)), "agent-6"));
        acc.add(call(CallEventType.TRANSFERRED, NINE_AM.plus(Duration.ofMinutes(10)), "agent-7"));
        acc.add(call(CallEventType.ENDED, CALL_ENDED, "agent-7"));
        return acc;
    }

    private static CallEvent call(CallEventType type, Instant at, String agent) {
        return CallEvent.newBuilder()
                .setEventId("call-1-" + type).setCallId("call-1").setType(type).setEventTime(at)
                .setCustomerId("C1042").setQueue("billing").setAgentId(agent)
                .setTeamId(agent == null ? null : "team-blue")
                .setResolved(type == CallEventType.ENDED ? Boolean.FALSE : null)
                .build();
    }

    private static SurveyResponse survey(Instant at) {
        return SurveyResponse.newBuilder()
                .setEventId("survey-1").setInteractionId("call-1").setChannel(Channel.VOICE).setEventTime(at)
                .setCustomerId("C1042").setTeamId("team-survey").setCsat(1)
                .build();
    }
}
