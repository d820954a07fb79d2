package io.cxpulse.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.metrics.logic.Contribution;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstContactTrackerTest {

    private static final long NINE = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final Duration LOOKBACK = Duration.ofHours(72);

    private KeyedOneInputStreamOperatorTestHarness<String, InteractionAccumulator, Contribution> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstContactTracker(Duration.ofSeconds(20), LOOKBACK)),
                FirstContactTracker::key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void theEarlierOfTwoResolvedContactsOnOneReasonIsTheFirstWhateverTheirArrivalOrder() throws Exception {
        close(call("c2", "C1", "refund", NINE + 5 * HOUR, true));
        close(call("c1", "C1", "refund", NINE, true));
        close(call("c3", "C1", "delivery", NINE + 6 * HOUR, true));
        assertThat(harness.extractOutputValues()).as("judged when the watermark passes").isEmpty();

        watermark(NINE + 6 * HOUR);

        Map<String, Long> firstByTime = allDimension().stream()
                .collect(Collectors.toMap(c -> Long.toString((c.timeMs - NINE) / HOUR), c -> c.counts.resolvedFirstContact));
        assertThat(firstByTime).containsExactlyInAnyOrderEntriesOf(Map.of("0", 1L, "5", 0L, "6", 1L));
        assertThat(harness.extractOutputStreamRecords()).allSatisfy(r ->
                assertThat(r.getTimestamp()).as("at its completion time").isEqualTo(r.getValue().timeMs));
    }

    @Test
    void aContactAfterTheLookbackIsFirstAgainAndTheCustomerLeavesNoState() throws Exception {
        close(call("c1", "C1", "refund", NINE, true));
        watermark(NINE);
        close(call("c2", "C1", "refund", NINE + 73 * HOUR, true));
        watermark(NINE + 73 * HOUR);

        assertThat(allDimension()).extracting(c -> c.counts.resolvedFirstContact).containsExactly(1L, 1L);

        watermark(NINE + 73 * HOUR + LOOKBACK.toMillis() + 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anUnresolvedFirstContactIsNotResolvedOnFirstContactButStillStartsTheStreak() throws Exception {
        close(call("c1", "C1", "refund", NINE, false));
        close(call("c2", "C1", "refund", NINE + HOUR, true));
        watermark(NINE + HOUR);

        assertThat(allDimension()).extracting(c -> c.counts.resolvedFirstContact).containsExactly(0L, 0L);
        assertThat(allDimension()).extracting(c -> c.counts.handled).containsExactly(1L, 1L);
    }

    @Test
    void anIncompleteInteractionContributesNothing() throws Exception {
        InteractionAccumulator timedOut = call("c1", "C1", "refund", NINE, true);
        timedOut.endedAtMs = null;
        timedOut.closedByTimeout = true;
        close(timedOut);
        watermark(NINE + 10 * HOUR);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aContactFansOutToEveryDimensionItCarries() throws Exception {
        close(call("c1", "C1", "refund", NINE, true));
        watermark(NINE);

        assertThat(harness.extractOutputValues()).extracting(Contribution::key).containsExactlyInAnyOrder(
                "ALL|all", "CHANNEL|VOICE", "QUEUE|billing", "TEAM|team-blue", "AGENT|agent-7");
    }

    private List<Contribution> allDimension() {
        return harness.extractOutputValues().stream().filter(c -> c.dimension.equals("ALL")).toList();
    }

    private void close(InteractionAccumulator interaction) throws Exception {
        long at = interaction.closedAt() != null ? interaction.closedAt().toEpochMilli() : interaction.lastEventMs;
        harness.processElement(new StreamRecord<>(interaction, at));
    }

    private void watermark(long ms) throws Exception {
        harness.processWatermark(new Watermark(ms));
    }

    /** A call answered after 10 s and ended at {@code endedMs}. */
    private static InteractionAccumulator call(String id, String customer, String reason, long endedMs,
            boolean resolved) {
        InteractionAccumulator a = new InteractionAccumulator();
        a.interactionId = id;
        a.channel = "VOICE";
        a.customerId = customer;
        a.queue = "billing";
        a.agentId = "agent-7";
        a.teamId = "team-blue";
        a.startedAtMs = endedMs - 600_000;
        a.answeredAtMs = endedMs - 590_000;
        a.endedAtMs = endedMs;
        a.lastEventMs = endedMs;
        a.reason = reason;
        a.resolved = resolved;
        return a;
    }
}
