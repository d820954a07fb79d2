package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdMemoryTest {

    /** Event time standing before every horizon here. */
    private static final long NOW = Long.MIN_VALUE;

    @Test
    void anIdSeenAgainWithinTheHorizonIsADuplicate() {
        EventIdMemory ids = new EventIdMemory();
        long e1 = EventIdMemory.hash(0, "e1");
        assertThat(ids.firstTime(e1, 1_000, NOW)).isTrue();
        assertThat(ids.firstTime(e1, 1_000, NOW)).isFalse();
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e2"), 2_000, NOW)).isTrue();
        assertThat(ids.nextExpiry()).isEqualTo(1_000);
    }

    @Test
    void distinctIdsGetDistinctHashesAndOneIdAlwaysTheSame() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            hashes.add(EventIdMemory.hash(0, "evt-" + i));
        }
        assertThat(hashes).hasSize(100_000);
        assertThat(EventIdMemory.hash(0, "3f0c2a4e-0000-4000-8000-000000000001"))
                .isEqualTo(EventIdMemory.hash(0, new String("3f0c2a4e-0000-4000-8000-000000000001")));
    }

    @Test
    void theSameIdOnAnotherInputIsAnotherEvent() {
        EventIdMemory ids = new EventIdMemory();
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e1"), 1_000, NOW)).isTrue();
        assertThat(ids.firstTime(EventIdMemory.hash(2, "e1"), 1_000, NOW)).isTrue();
    }

    @Test
    void anIdIsForgottenOnceEventTimePassesItsHorizonAndTheMemoryEmpties() {
        EventIdMemory ids = new EventIdMemory();
        long e1 = EventIdMemory.hash(0, "e1");
        ids.firstTime(e1, 1_000, NOW);
        ids.firstTime(EventIdMemory.hash(0, "e2"), 5_000, NOW);
        ids.expire(999);
        assertThat(ids.firstTime(e1, 1_000, NOW)).isFalse();
        ids.expire(1_000);
        assertThat(ids.size).isEqualTo(1);
        assertThat(ids.nextExpiry()).isEqualTo(5_000);
        ids.expire(5_000);
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(ids.firstTime(e1, 9_000, NOW)).as("a late retry counts again: past the horizon").isTrue();
    }

    @Test
    void anIdWhoseTimeIsUpCountsAsForgottenBeforeCleanUpRemovesIt() {
        EventIdMemory ids = new EventIdMemory();
        long e1 = EventIdMemory.hash(0, "e1");
        ids.firstTime(e1, 1_000, NOW);
        assertThat(ids.firstTime(e1, 1_999, 999)).as("the watermark short of its time").isFalse();
        assertThat(ids.firstTime(e1, 2_000, 1_000)).as("its time is up: a new event, whether or not cleaned up")
                .isTrue();
        assertThat(ids.firstTime(e1, 2_000, 1_000)).as("and remembered anew").isFalse();
        ids.expire(1_000);
        assertThat(ids.size).isEqualTo(1);
        assertThat(ids.firstTime(e1, 2_000, 1_999)).isFalse();
    }

    @Test
    void aFloodKeepsTheNewestIdsAndStillCatchesTheirRepeats() {
        EventIdMemory ids = new EventIdMemory();
        for (int i = 0; i < EventIdMemory.CAPACITY + 10; i++) {
            assertThat(ids.firstTime(EventIdMemory.hash(0, "e" + i), 1_000 + i, NOW)).isTrue();
        }
        assertThat(ids.size).isEqualTo(EventIdMemory.CAPACITY);
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e" + (EventIdMemory.CAPACITY + 9)), 0, NOW)).isFalse();
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e0"), 0, NOW)).as("the oldest was forgotten first").isTrue();
    }
}
