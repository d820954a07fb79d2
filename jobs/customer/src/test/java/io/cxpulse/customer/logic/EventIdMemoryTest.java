package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdMemoryTest {

    @Test
    void anIdSeenAgainWithinTheHorizonIsADuplicate() {
        EventIdMemory ids = new EventIdMemory();
        long e1 = EventIdMemory.hash(0, "e1");
        assertThat(ids.firstTime(e1, 1_000)).isTrue();
        assertThat(ids.firstTime(e1, 1_000)).isFalse();
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e2"), 2_000)).isTrue();
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
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e1"), 1_000)).isTrue();
        assertThat(ids.firstTime(EventIdMemory.hash(2, "e1"), 1_000)).isTrue();
    }

    @Test
    void anIdIsForgottenOnceEventTimePassesItsHorizonAndTheMemoryEmpties() {
        EventIdMemory ids = new EventIdMemory();
        long e1 = EventIdMemory.hash(0, "e1");
        ids.firstTime(e1, 1_000);
        ids.firstTime(EventIdMemory.hash(0, "e2"), 5_000);
        ids.expire(999);
        assertThat(ids.firstTime(e1, 1_000)).isFalse();
        ids.expire(1_000);
        assertThat(ids.size).isEqualTo(1);
        assertThat(ids.nextExpiry()).isEqualTo(5_000);
        ids.expire(5_000);
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(ids.firstTime(e1, 9_000)).as("a late retry counts again: past the horizon").isTrue();
    }

    @Test
    void aFloodKeepsTheNewestIdsAndStillCatchesTheirRepeats() {
        EventIdMemory ids = new EventIdMemory();
        for (int i = 0; i < EventIdMemory.CAPACITY + 10; i++) {
            assertThat(ids.firstTime(EventIdMemory.hash(0, "e" + i), 1_000 + i)).isTrue();
        }
        assertThat(ids.size).isEqualTo(EventIdMemory.CAPACITY);
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e" + (EventIdMemory.CAPACITY + 9)), 0)).isFalse();
        assertThat(ids.firstTime(EventIdMemory.hash(0, "e0"), 0)).as("the oldest was forgotten first").isTrue();
    }
}
