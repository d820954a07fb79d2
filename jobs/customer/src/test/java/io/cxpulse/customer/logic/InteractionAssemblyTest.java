package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionAssemblyTest {

    private static final long NINE_AM = Instant.parse("2026-11-16T09:00:00Z").toEpochMilli();
    private static final long TIMEOUT = 4 * 3_600_000L;
    private static final long LATENESS = 5 * 60_000L;
    private static final long NINE_MINUTES_LATER = NINE_AM + 9 * 60_000L;
    private static final long TWENTY_ONE_MINUTES_LATER = NINE_AM + 21 * 60_000L;

    private final InteractionAssembly assembly = new InteractionAssembly();

    private static CallEvent call(String id, CallEventType type, long at) {
        return CallEvent.newBuilder().setEventId(id + type).setCallId(id).setType(type)
                .setEventTime(Instant.ofEpochMilli(at)).setCustomerId("C1").setQueue("billing").build();
    }

    private static CallEvent agentCall(String id, String eventId, CallEventType type, long at, String agent) {
        return CallEvent.newBuilder(call(id, type, at)).setEventId(eventId).setAgentId(agent)
                .setTeamId("team-of-" + agent).build();
    }

    private static CallEvent ended(String id, long at, String agent, boolean resolved) {
        return CallEvent.newBuilder(agentCall(id, id + "-ENDED", CallEventType.ENDED, at, agent)).setResolved(resolved)
                .build();
    }

    @Test
    void aCallClosesWhenEventTimePassesItsEndWhateverTheOrderOfItsEvents() {
        assembly.add(call("c1", CallEventType.ENDED, NINE_AM + 400_000), Long.MIN_VALUE, LATENESS);
        assembly.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, LATENESS);
        assembly.add(call("c1", CallEventType.ANSWERED, NINE_AM + 40_000), Long.MIN_VALUE, LATENESS);
        assertThat(assembly.nextWakeup(TIMEOUT)).isEqualTo(NINE_AM + 400_000);
        assertThat(assembly.closeDue(NINE_AM + 399_999, TIMEOUT, LATENESS)).isEmpty();

        List<InteractionAccumulator> closed = assembly.closeDue(NINE_AM + 400_000, TIMEOUT, LATENESS);

        assertThat(closed).singleElement().satisfies(acc -> {
            assertThat(acc.closedByTimeout).isFalse();
            assertThat(acc.toInteraction().waitTime().toSeconds()).isEqualTo(40);
            assertThat(acc.toInteraction().handleTime().toSeconds()).isEqualTo(360);
            assertThat(acc.toInteraction().startedAt().toEpochMilli()).isEqualTo(NINE_AM);
        });
        assertThat(assembly.nextWakeup(TIMEOUT)).as("nothing open").isEqualTo(Long.MAX_VALUE);
        assertThat(assembly.nextForget()).as("its marker").isEqualTo(NINE_AM + 400_000 + LATENESS);
        assertThat(assembly.add(call("c1", CallEventType.TRANSFERRED, NINE_AM + 100_000), NINE_AM + 400_000, LATENESS))
                .as("a straggler of a closed call").isEqualTo(InteractionAssembly.Outcome.LATE);
        assembly.closeDue(NINE_AM + 400_000 + LATENESS, TIMEOUT, LATENESS);
        assertThat(assembly.isEmpty()).isTrue();
    }

    @Test
    void aMarkerWhoseTimeIsUpIsIgnoredWhetherOrNotItWasDroppedYet() {
        long closedAt = NINE_AM + 400_000;
        InteractionAssembly dropped = new InteractionAssembly();
        for (InteractionAssembly a : List.of(assembly, dropped)) {
            a.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, LATENESS);
            a.add(call("c1", CallEventType.ENDED, closedAt), Long.MIN_VALUE, LATENESS);
            a.closeDue(closedAt, TIMEOUT, LATENESS);
        }
        dropped.closeDue(closedAt + LATENESS, TIMEOUT, LATENESS);
        assertThat(dropped.nextForget()).isEqualTo(Long.MAX_VALUE);
        assertThat(assembly.nextForget()).as("kept until clean-up").isEqualTo(closedAt + LATENESS);

        CallEvent straggler = agentCall("c1", "c1-late-transfer", CallEventType.TRANSFERRED, closedAt, "agent-2");
        assertThat(assembly.add(straggler, closedAt + LATENESS - 1, LATENESS)).as("within the marker's time")
                .isEqualTo(InteractionAssembly.Outcome.LATE);
        assertThat(assembly.add(straggler, closedAt + LATENESS, LATENESS))
                .isEqualTo(dropped.add(straggler, closedAt + LATENESS, LATENESS))
                .isEqualTo(InteractionAssembly.Outcome.FOLDED);
    }

    @Test
    void aCallWithNoEndClosesIncompleteAfterTheTimeout() {
        assembly.add(call("c2", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assertThat(assembly.closeDue(NINE_AM + TIMEOUT - 1, TIMEOUT, 0)).isEmpty();
        assertThat(assembly.closeDue(NINE_AM + TIMEOUT, TIMEOUT, 0)).singleElement().satisfies(acc -> {
            assertThat(acc.closedByTimeout).isTrue();
            assertThat(acc.toInteraction().incomplete()).isTrue();
            assertThat(acc.toInteraction().handleTime()).isNull();
        });
        assertThat(assembly.isEmpty()).as("no marker without lateness").isTrue();
    }

    @Test
    void theTimeoutCountsFromTheLastEvent() {
        assembly.add(call("c2", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(agentCall("c2", "c2-answered", CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7"),
                Long.MIN_VALUE, 0);
        assembly.add(agentCall("c2", "c2-transfer-1", CallEventType.TRANSFERRED, TWENTY_ONE_MINUTES_LATER, "agent-9"),
                Long.MIN_VALUE, 0);

        assertThat(assembly.closeDue(NINE_AM + TIMEOUT, TIMEOUT, 0)).as("events came since").isEmpty();
        assertThat(assembly.closeDue(TWENTY_ONE_MINUTES_LATER + TIMEOUT - 1, TIMEOUT, 0)).isEmpty();
        assertThat(assembly.closeDue(TWENTY_ONE_MINUTES_LATER + TIMEOUT, TIMEOUT, 0)).singleElement()
                .satisfies(acc -> assertThat(acc.toInteraction().incomplete()).isTrue());
        assertThat(assembly.isEmpty()).isTrue();
    }

    @Test
    void aCallFoldsIntoOneInteractionWithItsLastAgentOnceEventTimePassesItsEnd() {
        assembly.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(agentCall("c1", "c1-answered", CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7"),
                Long.MIN_VALUE, 0);
        assembly.add(agentCall("c1", "c1-transfer-1", CallEventType.TRANSFERRED, NINE_MINUTES_LATER + 60_000,
                "agent-9"), Long.MIN_VALUE, 0);
        assembly.add(ended("c1", TWENTY_ONE_MINUTES_LATER, "agent-9", false), Long.MIN_VALUE, 0);
        assertThat(assembly.closeDue(TWENTY_ONE_MINUTES_LATER - 1, TIMEOUT, 0)).as("not before its end").isEmpty();

        List<InteractionAccumulator> closed = assembly.closeDue(TWENTY_ONE_MINUTES_LATER, TIMEOUT, 0);

        assertThat(closed).singleElement().satisfies(acc -> {
            Interaction call = acc.toInteraction();
            assertThat(call.waitTime()).isEqualTo(Duration.ofMinutes(9));
            assertThat(call.handleTime()).isEqualTo(Duration.ofMinutes(12));
            assertThat(call.transfers()).isEqualTo(1);
            assertThat(call.agentId()).as("the last agent").isEqualTo("agent-9");
            assertThat(call.teamId()).isEqualTo("team-of-agent-9");
            assertThat(call.abandoned()).isFalse();
            assertThat(call.isResolved()).isFalse();
            assertThat(call.incomplete()).isFalse();
            assertThat(acc.startedLate).isFalse();
        });
        assertThat(assembly.isEmpty()).isTrue();
    }

    @Test
    void anAbandonedCallClosesAtTheAbandon() {
        long abandoned = NINE_AM + 150_000;
        assembly.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(call("c1", CallEventType.ABANDONED, abandoned), Long.MIN_VALUE, 0);
        assertThat(assembly.closeDue(abandoned - 1, TIMEOUT, 0)).isEmpty();

        assertThat(assembly.closeDue(abandoned, TIMEOUT, 0)).singleElement().satisfies(acc -> {
            Interaction call = acc.toInteraction();
            assertThat(call.abandoned()).isTrue();
            assertThat(call.waitTime()).isEqualTo(Duration.ofSeconds(150));
            assertThat(call.handleTime()).isNull();
        });
        assertThat(assembly.isEmpty()).isTrue();
    }

    @Test
    void aRetriedTransferOrEndCountsOnceButASecondTransferCountsAndTheIdsAreForgottenOnClose() {
        assembly.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(agentCall("c1", "c1-answered", CallEventType.ANSWERED, NINE_MINUTES_LATER, "agent-7"),
                Long.MIN_VALUE, 0);
        CallEvent firstTransfer = agentCall("c1", "c1-transfer-1", CallEventType.TRANSFERRED,
                NINE_MINUTES_LATER + 60_000, "agent-8");
        assertThat(assembly.add(firstTransfer, Long.MIN_VALUE, 0)).isEqualTo(InteractionAssembly.Outcome.FOLDED);
        assertThat(assembly.add(firstTransfer, Long.MIN_VALUE, 0)).as("the retry")
                .isEqualTo(InteractionAssembly.Outcome.DUPLICATE);
        assembly.add(agentCall("c1", "c1-transfer-2", CallEventType.TRANSFERRED, NINE_MINUTES_LATER + 120_000,
                "agent-9"), Long.MIN_VALUE, 0);
        assembly.add(ended("c1", TWENTY_ONE_MINUTES_LATER, "agent-9", false), Long.MIN_VALUE, 0);
        assertThat(assembly.add(ended("c1", TWENTY_ONE_MINUTES_LATER, "agent-9", false), Long.MIN_VALUE, 0))
                .isEqualTo(InteractionAssembly.Outcome.DUPLICATE);

        assertThat(assembly.closeDue(TWENTY_ONE_MINUTES_LATER, TIMEOUT, 0)).singleElement().satisfies(acc -> {
            assertThat(acc.toInteraction().transfers()).isEqualTo(2);
            assertThat(acc.toInteraction().teamId()).isEqualTo("team-of-agent-9");
            assertThat(acc.eventIds).as("forgotten when it closes").isEmpty();
        });
    }

    @Test
    void aCallCarriesItsComplaintFlagAndReasonAndOneWithoutCarriesNone() {
        assembly.add(call("c1", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(CallEvent.newBuilder(ended("c1", TWENTY_ONE_MINUTES_LATER, "agent-7", false)).setComplaint(true)
                .setReason("refund-delayed").build(), Long.MIN_VALUE, 0);
        assembly.add(call("c2", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assembly.add(ended("c2", NINE_MINUTES_LATER, "agent-7", false), Long.MIN_VALUE, 0);

        List<InteractionAccumulator> closed = assembly.closeDue(TWENTY_ONE_MINUTES_LATER, TIMEOUT, 0);

        assertThat(closed).extracting(acc -> acc.interactionId).containsExactly("c2", "c1");
        assertThat(closed.get(1).toInteraction().complaint()).isTrue();
        assertThat(closed.get(1).toInteraction().reason()).isEqualTo("refund-delayed");
        assertThat(closed.get(0).toInteraction().complaint()).isFalse();
        assertThat(closed.get(0).toInteraction().reason()).isNull();
    }

    @Test
    void aFirstEventBehindTheWatermarkIsLateBeyondTheLatenessAndMarkedWithinIt() {
        long watermark = NINE_AM + 10 * 60_000;
        assertThat(assembly.add(call("late", CallEventType.QUEUED, NINE_AM), watermark, LATENESS))
                .isEqualTo(InteractionAssembly.Outcome.LATE);
        assertThat(assembly.open).as("counted, not assembled").doesNotContainKey("VOICE:late");
        assertThat(assembly.add(call("soon", CallEventType.QUEUED, watermark - 60_000), watermark, LATENESS))
                .isEqualTo(InteractionAssembly.Outcome.FOLDED);
        assertThat(assembly.open.get("VOICE:soon").startedLate).isTrue();
        assertThat(assembly.add(call("soon", CallEventType.QUEUED, watermark - 60_000), watermark, LATENESS))
                .isEqualTo(InteractionAssembly.Outcome.DUPLICATE);
    }

    @Test
    void callsClosingTogetherComeOutInTheOrderTheyEnded() {
        assembly.add(call("b", CallEventType.ENDED, NINE_AM + 2_000), Long.MIN_VALUE, 0);
        assembly.add(call("a", CallEventType.ENDED, NINE_AM + 3_000), Long.MIN_VALUE, 0);
        assembly.add(call("c", CallEventType.ENDED, NINE_AM + 2_000), Long.MIN_VALUE, 0);
        assertThat(assembly.closeDue(NINE_AM + 5_000, TIMEOUT, 0)).extracting(acc -> acc.interactionId)
                .containsExactly("b", "c", "a");
    }
}
