package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionAssemblyTest {

    private static final long NINE_AM = Instant.parse("2026-11-16T09:00:00Z").toEpochMilli();
    private static final long TIMEOUT = 4 * 3_600_000L;
    private static final long LATENESS = 5 * 60_000L;

    private final InteractionAssembly assembly = new InteractionAssembly();

    private static CallEvent call(String id, CallEventType type, long at) {
        return CallEvent.newBuilder().setEventId(id + type).setCallId(id).setType(type)
                .setEventTime(Instant.ofEpochMilli(at)).setCustomerId("C1").setQueue("billing").build();
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
        });
        assertThat(assembly.nextWakeup(TIMEOUT)).as("its marker").isEqualTo(NINE_AM + 400_000 + LATENESS);
        assertThat(assembly.add(call("c1", CallEventType.TRANSFERRED, NINE_AM + 100_000), NINE_AM + 400_000, LATENESS))
                .as("a straggler of a closed call").isEqualTo(InteractionAssembly.Outcome.LATE);
        assembly.closeDue(NINE_AM + 400_000 + LATENESS, TIMEOUT, LATENESS);
        assertThat(assembly.isEmpty()).isTrue();
    }

    @Test
    void aCallWithNoEndClosesIncompleteAfterTheTimeout() {
        assembly.add(call("c2", CallEventType.QUEUED, NINE_AM), Long.MIN_VALUE, 0);
        assertThat(assembly.closeDue(NINE_AM + TIMEOUT - 1, TIMEOUT, 0)).isEmpty();
        assertThat(assembly.closeDue(NINE_AM + TIMEOUT, TIMEOUT, 0)).singleElement()
                .satisfies(acc -> assertThat(acc.closedByTimeout).isTrue());
        assertThat(assembly.isEmpty()).as("no marker without lateness").isTrue();
    }

    @Test
    void aFirstEventBehindTheWatermarkIsLateBeyondTheLatenessAndMarkedWithinIt() {
        long watermark = NINE_AM + 10 * 60_000;
        assertThat(assembly.add(call("late", CallEventType.QUEUED, NINE_AM), watermark, LATENESS))
                .isEqualTo(InteractionAssembly.Outcome.LATE);
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
