package io.cxpulse.common.combine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PreAggregatorTest {

    private static final long MINUTE = 60_000;
    private static final long NINE_AM = 1_795_424_400_000L; // 2026-11-23T09:00:00Z
    private static final long NINE_OH_ONE = NINE_AM + MINUTE;

    @Test
    void countsOfOneKeyAndMinuteLeaveAsOneSumBeforeTheNextWatermark() throws Exception {
        try (var harness = harness(100, 10_000)) {
            harness.processElement(tally("ALL", NINE_AM + 1_000, 1), 0);
            harness.processElement(tally("ALL", NINE_AM + 2_000, 2), 0);
            harness.processElement(tally("TEAM|a", NINE_AM + 3_000, 1), 0);
            harness.processElement(tally("ALL", NINE_OH_ONE + 1_000, 1), 0); // next minute: its own sum
            assertThat(harness.getOutput()).isEmpty();

            harness.processWatermark(new Watermark(NINE_AM + 30_000));

            assertThat(List.copyOf(harness.getOutput())).containsExactly(
                    new StreamRecord<>(tally("ALL", NINE_AM + 1_000, 3), NINE_AM + 1_000),
                    new StreamRecord<>(tally("TEAM|a", NINE_AM + 3_000, 1), NINE_AM + 3_000),
                    new StreamRecord<>(tally("ALL", NINE_OH_ONE + 1_000, 1), NINE_OH_ONE + 1_000),
                    new Watermark(NINE_AM + 30_000));
        }
    }

    @Test
    void aCountWhoseWindowMayHaveFiredTravelsAloneAtOnce() throws Exception {
        try (var harness = harness(100, 10_000)) {
            harness.processWatermark(new Watermark(NINE_OH_ONE - 1)); // 09:00's minute has fired
            harness.processElement(tally("ALL", NINE_AM + 5_000, 1), 0);
            harness.processElement(tally("ALL", NINE_AM + 6_000, 1), 0);

            assertThat(harness.extractOutputValues()).containsExactly(
                    tally("ALL", NINE_AM + 5_000, 1), tally("ALL", NINE_AM + 6_000, 1));
        }
    }

    @Test
    void anIdleInputACheckpointTheEndOfInputAFullBufferAndTheFlushIntervalEachPassTheSumsOn() throws Exception {
        try (var harness = harness(2, 200)) {
            harness.processElement(tally("ALL", NINE_AM, 1), 0);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 1));
            harness.getOutput().clear();

            harness.processElement(tally("ALL", NINE_AM, 1), 0);
            harness.prepareSnapshotPreBarrier(1);
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 1));
            harness.getOutput().clear();

            harness.processElement(tally("ALL", NINE_AM, 1), 0);
            harness.processElement(tally("TEAM|a", NINE_AM, 1), 0); // the second bucket fills it
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 1), tally("TEAM|a", NINE_AM, 1));
            harness.getOutput().clear();

            harness.setProcessingTime(1_000);
            harness.processElement(tally("ALL", NINE_AM, 4), 1_000);
            harness.setProcessingTime(1_199);
            assertThat(harness.getOutput()).isEmpty();
            harness.setProcessingTime(1_200);
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 4));
            harness.getOutput().clear();

            harness.processElement(tally("ALL", NINE_AM, 5), 1_200);
            harness.getOneInputOperator().finish();
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 5));
        }
    }

    @Test
    void theSumIsACopyTheRecordsAddedIntoItAreLeftAsTheyWere() throws Exception {
        try (var harness = harness(100, 10_000)) {
            Tally first = tally("ALL", NINE_AM, 1);
            harness.processElement(first, 0);
            harness.processElement(tally("ALL", NINE_AM, 1), 0);
            harness.processWatermark(new Watermark(NINE_AM));

            assertThat(first.n).isEqualTo(1);
            assertThat(harness.extractOutputValues()).containsExactly(tally("ALL", NINE_AM, 2));
        }
    }

    private static OneInputStreamOperatorTestHarness<Tally, Tally> harness(int maxBuckets, long flushInterval)
            throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(
                new PreAggregator<>(new PerMinute(), maxBuckets, flushInterval));
        harness.open();
        return harness;
    }

    private static Tally tally(String key, long timeMs, long n) {
        return new Tally(key, timeMs, n);
    }

    /** A count of one key at one instant. */
    public static final class Tally {
        public String key;
        public long timeMs;
        public long n;

        public Tally() {}

        Tally(String key, long timeMs, long n) {
            this.key = key;
            this.timeMs = timeMs;
            this.n = n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tally t && key.equals(t.key) && timeMs == t.timeMs && n == t.n;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, timeMs, n);
        }

        @Override
        public String toString() {
            return key + "@" + timeMs + "=" + n;
        }
    }

    /** Per key and minute; a minute the watermark has reached travels alone. */
    private static final class PerMinute implements PreAggregator.Combining<Tally> {

        record Bucket(String key, long minute) {}

        @Override
        public long timeOf(Tally t) {
            return t.timeMs;
        }

        @Override
        public Object bucketOf(Tally t, long watermark) {
            long minute = Math.floorDiv(t.timeMs, MINUTE);
            return (minute + 1) * MINUTE - 1 <= watermark ? null : new Bucket(t.key, minute);
        }

        @Override
        public Tally copy(Tally t) {
            return new Tally(t.key, t.timeMs, t.n);
        }

        @Override
        public Tally add(Tally sum, Tally next) {
            sum.n += next.n;
            return sum;
        }
    }
}
