package io.cxpulse.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metric window as the pipeline builds it: trigger, aggregate and snapshot function in a real window operator. */
class MetricWindowTriggerTest {

    private static final long NINE = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
    private static final long TEN = NINE + 3_600_000;
    private static final long MINUTE = 60_000;
    private static final Duration LATENESS = Duration.ofMinutes(5);
    private static final OutputTag<Contribution> LATE = new OutputTag<>("late", TypeInformation.of(Contribution.class));

    private KeyedOneInputStreamOperatorTestHarness<String, Contribution, MetricSnapshot> harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void anHourEmitsOneFinalRecordWhenTheWatermarkPassesItsEnd() throws Exception {
        open(Duration.ZERO);
        contact(NINE + 10 * MINUTE);
        contact(NINE + 50 * MINUTE);
        watermark(TEN - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(TEN - 1);

        MetricSnapshot hour = single();
        assertThat(hour.getFinal$()).isTrue();
        assertThat(hour.getContacts()).isEqualTo(2);
        assertThat(hour.getWindowStart().toEpochMilli()).isEqualTo(NINE);
        assertThat(hour.getWindowEnd().toEpochMilli()).isEqualTo(TEN);
        assertThat(hour.getDimensionValue()).isEqualTo("billing");
    }

    @Test
    void anOpenHourEmitsEarlyRecordsOnlyAfterNewDataAndAnIdleKeyKeepsNoTimer() throws Exception {
        open(Duration.ofSeconds(10));
        harness.setProcessingTime(0);
        contact(NINE + MINUTE);
        contact(NINE + 2 * MINUTE);
        assertThat(harness.numProcessingTimeTimers()).as("one pending early update").isEqualTo(1);

        harness.setProcessingTime(10_000);
        MetricSnapshot early = single();
        assertThat(early.getFinal$()).isFalse();
        assertThat(early.getContacts()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).as("idle: nothing scheduled").isZero();

        harness.setProcessingTime(60_000);
        assertThat(harness.extractOutputValues()).as("no new data, no record").hasSize(1);

        contact(NINE + 3 * MINUTE);
        harness.setProcessingTime(65_000);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(70_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.extractOutputValues().get(1).getContacts()).isEqualTo(3);
    }

    @Test
    void theFinalRecordCancelsAPendingEarlyUpdate() throws Exception {
        open(Duration.ofSeconds(10));
        harness.setProcessingTime(0);
        contact(NINE + MINUTE);
        watermark(TEN - 1);
        assertThat(single().getFinal$()).isTrue();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).as("no stale early record after the final").hasSize(1);
    }

    @Test
    void anEventLateWithinTheLatenessEmitsACorrectedFinalUnderTheSameWindow() throws Exception {
        open(Duration.ZERO);
        contact(NINE + 10 * MINUTE);
        watermark(TEN - 1);
        watermark(TEN + 2 * MINUTE);

        contact(NINE + 59 * MINUTE);

        List<MetricSnapshot> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(s -> assertThat(s.getFinal$()).isTrue());
        assertThat(out.get(1).getWindowStart()).isEqualTo(out.get(0).getWindowStart());
        assertThat(out.get(1).getContacts()).as("the correction carries the whole window").isEqualTo(2);
        assertThat(harness.getSideOutput(LATE)).isNullOrEmpty();
    }

    @Test
    void anEventBeyondTheLatenessIsSetAsideNotEmittedAndTheWindowIsGone() throws Exception {
        open(Duration.ofSeconds(10));
        harness.setProcessingTime(0);
        contact(NINE + 10 * MINUTE);
        watermark(TEN - 1);
        assertThat(harness.numKeyedStateEntries()).as("counts and the final-emitted flag, kept for corrections")
                .isPositive();

        watermark(TEN - 1 + LATENESS.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        contact(NINE + 30 * MINUTE);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(LATE)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void open(Duration earlyUpdates) throws Exception {
        WindowOperatorBuilder<Contribution, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofHours(1)), MetricWindowTrigger.withEarlyUpdates(earlyUpdates),
                new ExecutionConfig(), TypeInformation.of(Contribution.class), Contribution::key, Types.STRING);
        builder.allowedLateness(LATENESS);
        builder.sideOutputLateData(LATE);
        OneInputStreamOperator<Contribution, MetricSnapshot> operator = builder.aggregate(
                new CountsAggregate(), new SnapshotWindowFunction(), TypeInformation.of(MetricCounts.class));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, Contribution::key, Types.STRING);
        harness.open();
    }

    private void contact(long atMs) throws Exception {
        MetricCounts counts = new MetricCounts();
        counts.contacts = 1;
        harness.processElement(new StreamRecord<>(new Contribution("QUEUE", "billing", atMs, counts), atMs));
    }

    private void watermark(long ms) throws Exception {
        harness.processWatermark(new Watermark(ms));
    }

    private MetricSnapshot single() {
        List<MetricSnapshot> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
