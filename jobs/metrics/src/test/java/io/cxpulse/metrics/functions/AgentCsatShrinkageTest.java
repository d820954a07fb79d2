package io.cxpulse.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.common.stats.BetaBinomialPrior.Tally;
import io.cxpulse.common.stats.BetaBinomialPrior;
import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.metrics.logic.MetricSnapshots;
import io.cxpulse.schema.MetricSnapshot;
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

class AgentCsatShrinkageTest {

    private static final long NINE = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
    private static final long TEN = NINE + 3_600_000;
    private static final Duration LATENESS = Duration.ofMinutes(5);

    private KeyedOneInputStreamOperatorTestHarness<String, MetricSnapshot, MetricSnapshot> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AgentCsatShrinkage(LATENESS)), AgentCsatShrinkage::key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void theFinalsOfAWindowWaitForEachOtherAndAreShrunkWithOnePriorFittedOverAll() throws Exception {
        send(agent("a1", 10, 9, true));
        send(agent("a2", 20, 12, true));
        send(agent("a3", 5, 5, true));
        send(agent("a4", 40, 20, true));
        send(agent("a5", 3, 1, true));
        send(agent("a6", 0, 0, true));
        watermark(TEN - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(TEN - 1);

        Map<String, MetricSnapshot> out = harness.extractOutputValues().stream()
                .collect(Collectors.toMap(MetricSnapshot::getDimensionValue, s -> s));
        assertThat(out).hasSize(6);
        BetaBinomialPrior prior = BetaBinomialPrior.fit(List.of(new Tally(10, 9), new Tally(20, 12),
                new Tally(5, 5), new Tally(40, 20), new Tally(3, 1))).orElseThrow();
        // the worked values of BetaBinomialPriorTest: 0.7648639 for 5 of 5, 0.5157261 for 20 of 40
        assertThat(out.get("a3").getCsatShrunkPct()).isCloseTo(76.48638833031066, within(1e-7));
        assertThat(out.get("a4").getCsatShrunkPct()).isCloseTo(100 * prior.shrink(20, 40), within(1e-9));
        assertThat(out.get("a3").getCsatPct()).as("the raw value stays").isEqualTo(100.0);
        assertThat(out.get("a6").getCsatShrunkPct()).as("no survey, nothing to shrink").isNull();
    }

    @Test
    void anEarlyRecordGoesOutAtOnceWithThePriorOfTheAgentsSoFar() throws Exception {
        send(agent("a1", 10, 9, false));
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).getCsatShrunkPct()).as("one agent: no prior yet").isNull();

        send(agent("a2", 20, 12, false));

        MetricSnapshot second = harness.extractOutputValues().get(1);
        double expected = 100 * BetaBinomialPrior.fit(List.of(new Tally(10, 9), new Tally(20, 12)))
                .orElseThrow().shrink(12, 20);
        assertThat(second.getCsatShrunkPct()).isCloseTo(expected, within(1e-9));
        assertThat(second.getFinal$()).isFalse();
    }

    @Test
    void aCorrectionAfterTheCloseGoesOutAloneAndTheWindowIsForgottenAfterItsLateness() throws Exception {
        send(agent("a1", 10, 9, true));
        send(agent("a2", 20, 12, true));
        watermark(TEN - 1);
        assertThat(harness.extractOutputValues()).hasSize(2);

        watermark(TEN + 60_000);
        send(agent("a2", 21, 13, true));
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.extractOutputValues().get(2).getCsatResponses()).isEqualTo(21);

        watermark(TEN + LATENESS.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateFinalWithNoEarlierRecordOfItsWindowGoesOutAndIsForgottenAfterTheLateness() throws Exception {
        watermark(TEN + 60_000);
        send(agent("a1", 4, 3, true));
        assertThat(harness.extractOutputValues()).as("the window is closed: out at once").hasSize(1);
        assertThat(harness.numKeyedStateEntries()).as("its tally is kept for later corrections").isPositive();

        watermark(TEN + LATENESS.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void send(MetricSnapshot snapshot) throws Exception {
        harness.processElement(new StreamRecord<>(snapshot, TEN - 1));
    }

    private void watermark(long ms) throws Exception {
        harness.processWatermark(new Watermark(ms));
    }

    private static MetricSnapshot agent(String id, long responses, long satisfied, boolean isFinal) {
        MetricCounts c = new MetricCounts();
        c.csatResponses = responses;
        c.csatSatisfied = satisfied;
        return MetricSnapshots.of("AGENT", id, NINE, TEN, isFinal, c);
    }
}
