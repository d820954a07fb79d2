package io.cxpulse.common.dedup;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateByEventIdTest {

    private static final Duration HORIZON = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<Long, CallEvent, CallEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeduplicateByEventId<>("calls", HORIZON)),
                call -> DeduplicateByEventId.keyOf(call.getEventId()),
                Types.LONG);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aRetriedEventCountsOnce() throws Exception {
        CallEvent queued = TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM);
        CallEvent answered = TestRecords.call("c1", CallEventType.ANSWERED, "C1", NINE_AM.plusSeconds(20));

        harness.processElement(new StreamRecord<>(queued, NINE_AM.toEpochMilli()));
        harness.processElement(new StreamRecord<>(CallEvent.newBuilder(queued).build(), NINE_AM.toEpochMilli()));
        harness.processElement(new StreamRecord<>(answered, NINE_AM.toEpochMilli() + 20_000));

        assertThat(harness.extractOutputValues()).containsExactly(queued, answered);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void distinctIdsGetDistinctKeysAndOneIdAlwaysTheSame() {
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(DeduplicateByEventId.keyOf("evt-" + i));
        }
        assertThat(keys).hasSize(100_000);
        assertThat(DeduplicateByEventId.keyOf("3f0c2a4e-0000-4000-8000-000000000001"))
                .isEqualTo(DeduplicateByEventId.keyOf(new String("3f0c2a4e-0000-4000-8000-000000000001")));
    }

    @Test
    void anEventIdIsForgottenAfterTheHorizon() throws Exception {
        CallEvent queued = TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM);
        harness.setStateTtlProcessingTime(0);
        harness.processElement(new StreamRecord<>(queued, NINE_AM.toEpochMilli()));

        harness.setStateTtlProcessingTime(HORIZON.toMillis() - 1);
        harness.processElement(new StreamRecord<>(queued, NINE_AM.toEpochMilli()));
        assertThat(harness.extractOutputValues()).as("still within the horizon").hasSize(1);

        harness.setStateTtlProcessingTime(HORIZON.toMillis() + 1);
        harness.processElement(new StreamRecord<>(queued, NINE_AM.toEpochMilli()));
        List<CallEvent> out = harness.extractOutputValues();
        assertThat(out).as("past the horizon the id is new again").hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
