package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.SurveyResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SurveyMatchingTest {

    private static final long NINE_AM = Instant.parse("2026-11-16T09:00:00Z").toEpochMilli();
    private static final long WAIT = 10 * 60_000L;
    private static final long QUEUE_WAIT = 5 * 60_000L;
    private static final long RETENTION = 48 * 3_600_000L;

    private final SurveyMatching matching = new SurveyMatching();

    private static SurveyResponse survey(String interaction, long at) {
        return SurveyResponse.newBuilder().setEventId("s-" + interaction).setInteractionId(interaction)
                .setChannel(Channel.VOICE).setEventTime(Instant.ofEpochMilli(at)).setCustomerId("C1").setCsat(2)
                .build();
    }

    private static InteractionAccumulator closedCall(String id, long endedAt) {
        InteractionAccumulator acc = new InteractionAccumulator();
        acc.add(CallEvent.newBuilder().setEventId(id + "q").setCallId(id).setType(CallEventType.QUEUED)
                .setEventTime(Instant.ofEpochMilli(endedAt - 60_000)).setCustomerId("C1").setQueue("billing").build());
        acc.add(CallEvent.newBuilder().setEventId(id + "e").setCallId(id).setType(CallEventType.ENDED)
                .setEventTime(Instant.ofEpochMilli(endedAt)).setCustomerId("C1").setQueue("billing")
                .setAgentId("agent-1").setTeamId("team-red").build());
        return acc;
    }

    /** Queued at {@code endedAt} - 15 min, answered 9 min later by agent-6, transferred to agent-7, ended. */
    private static InteractionAccumulator nineMinuteWaitCallTransferredOnce(String id, long endedAt) {
        long queued = endedAt - 15 * 60_000L;
        InteractionAccumulator acc = new InteractionAccumulator();
        acc.add(CallEvent.newBuilder().setEventId(id + "q").setCallId(id).setType(CallEventType.QUEUED)
                .setEventTime(Instant.ofEpochMilli(queued)).setCustomerId("C1").setQueue("billing").build());
        acc.add(CallEvent.newBuilder().setEventId(id + "a").setCallId(id).setType(CallEventType.ANSWERED)
                .setEventTime(Instant.ofEpochMilli(queued + 9 * 60_000L)).setCustomerId("C1").setQueue("billing")
                .setAgentId("agent-6").setTeamId("team-blue").build());
        acc.add(CallEvent.newBuilder().setEventId(id + "t").setCallId(id).setType(CallEventType.TRANSFERRED)
                .setEventTime(Instant.ofEpochMilli(queued + 10 * 60_000L)).setCustomerId("C1").setQueue("billing")
                .setAgentId("agent-7").setTeamId("team-blue").build());
        acc.add(CallEvent.newBuilder().setEventId(id + "e").setCallId(id).setType(CallEventType.ENDED)
                .setEventTime(Instant.ofEpochMilli(endedAt)).setCustomerId("C1").setQueue("billing")
                .setAgentId("agent-7").setTeamId("team-blue").setResolved(false).build());
        return acc;
    }

    @Test
    void aSurveyAfterItsCallIsMatchedAtOnce() {
        matching.onClosed(closedCall("c1", NINE_AM), NINE_AM);
        SurveyMatching.Match match = matching.onSurvey(survey("c1", NINE_AM + 60_000),
                WAIT, QUEUE_WAIT, RETENTION, NINE_AM + 60_000);
        assertThat(match.context().joined).isTrue();
        assertThat(match.context().teamId).isEqualTo("team-red");
        assertThat(match.queueCounts()).isTrue();
    }

    @Test
    void aSurveyAfterItsCallCarriesTheAgentTeamWaitAndTransfersAndTheCallIsForgottenAfterTheRetention() {
        long ended = NINE_AM + 15 * 60_000L;
        matching.onClosed(nineMinuteWaitCallTransferredOnce("c9", ended), ended);

        SurveyMatching.Match match = matching.onSurvey(survey("c9", ended + 300_000),
                WAIT, QUEUE_WAIT, RETENTION, ended + 300_000);

        assertThat(match.context().joined).isTrue();
        assertThat(match.context().teamId).isEqualTo("team-blue");
        assertThat(match.context().agentId).isEqualTo("agent-7");
        assertThat(match.context().waitSeconds).isEqualTo(540L);
        assertThat(match.context().transfers).isEqualTo(1);
        assertThat(match.context().queue).isEqualTo("billing");
        assertThat(matching.nextWakeup()).as("no survey waits").isEqualTo(Long.MAX_VALUE);
        assertThat(matching.lastForget(RETENTION)).isEqualTo(ended + RETENTION);
        matching.due(ended + RETENTION, RETENTION);
        assertThat(matching.isEmpty()).isTrue();
    }

    @Test
    void aSurveyBeforeItsCallWaitsAndItsQueueCountsOnlyWithinTheMetricsWait() {
        assertThat(matching.onSurvey(survey("c1", NINE_AM), WAIT, QUEUE_WAIT, RETENTION, NINE_AM)).isNull();
        assertThat(matching.onSurvey(survey("c2", NINE_AM), WAIT, QUEUE_WAIT, RETENTION, NINE_AM)).isNull();
        assertThat(matching.nextWakeup()).isEqualTo(NINE_AM + WAIT);

        assertThat(matching.onClosed(closedCall("c1", NINE_AM + 60_000), NINE_AM + 60_000)).singleElement()
                .satisfies(m -> assertThat(m.queueCounts()).isTrue());
        assertThat(matching.onClosed(closedCall("c2", NINE_AM + 6 * 60_000), NINE_AM + 6 * 60_000)).singleElement()
                .satisfies(m -> {
                    assertThat(m.context().joined).isTrue();
                    assertThat(m.queueCounts()).as("after the metrics' wait").isFalse();
                });
    }

    @Test
    void aSurveyPastItsCallsRetentionWaitsAloneEvenBeforeCleanUpRemovesTheCall() {
        matching.onClosed(closedCall("c1", NINE_AM), NINE_AM);

        assertThat(matching.onSurvey(survey("c1", NINE_AM + RETENTION),
                WAIT, QUEUE_WAIT, RETENTION, NINE_AM + RETENTION))
                .as("on the last instant of the retention").isNotNull();
        assertThat(matching.onSurvey(survey("c1", NINE_AM + RETENTION + 1), WAIT, QUEUE_WAIT, RETENTION,
                NINE_AM + RETENTION + 1)).as("after it").isNull();
        assertThat(matching.onSurvey(survey("c1", NINE_AM + RETENTION - 1), WAIT, QUEUE_WAIT, RETENTION,
                NINE_AM + RETENTION + 1)).as("late, the watermark past the retention's end").isNull();
    }

    @Test
    void aSurveyWhoseCallNeverComesIsJudgedAloneAndClosedCallsAreForgottenAfterTheRetention() {
        matching.onSurvey(survey("never", NINE_AM), WAIT, QUEUE_WAIT, RETENTION, NINE_AM);
        assertThat(matching.due(NINE_AM + WAIT - 1, RETENTION)).isEmpty();
        assertThat(matching.due(NINE_AM + WAIT, RETENTION)).singleElement()
                .satisfies(m -> assertThat(m.context().joined).isFalse());

        matching.onClosed(closedCall("c3", NINE_AM), NINE_AM);
        matching.due(NINE_AM + RETENTION, RETENTION);
        assertThat(matching.isEmpty()).isTrue();
    }
}
