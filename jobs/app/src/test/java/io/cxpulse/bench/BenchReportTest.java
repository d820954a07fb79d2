package io.cxpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic: medians, ratios, percentiles, the latency mapping, the summary line. */
class BenchReportTest {

    private static final Bench.Options OPTIONS = new Bench.Options(1_000_000, 3, 1, Duration.ofSeconds(2), "hashmap",
            2, 2, 1000, 1,
            Duration.ofSeconds(20),
            0, 1000, Set.of("throughput", "latency", "scale"), Path.of("target/bench"));

    private static Measurement run(String variant, int round, double seconds) {
        return new Measurement(variant, round, 1_000_000, seconds, seconds * 2, seconds / 2);
    }

    @Test
    void ratiosAreOfMediansAcrossInterleavedRounds() {
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(1_000_000, 1000, 1), List.of(
                run("R0", 1, 4), run("R1", 1, 8), run("R2", 1, 20),
                run("R0", 2, 5), run("R1", 2, 10), run("R2", 2, 40),
                run("R0", 3, 2), run("R1", 3, 9), run("R2", 3, 25)), null, null, null);

        assertThat(report.median("R0", Measurement::eventsPerSecond)).isEqualTo(250_000);
        assertThat(report.min("R2", Measurement::eventsPerSecond)).isEqualTo(25_000);
        assertThat(report.ratio("R1")).isEqualTo(1_000_000 / 9.0 / 250_000);
        assertThat(report.ratio("R2")).isEqualTo(40_000 / 250_000.0);
        assertThat(report.median("R1", Measurement::processCpuPerMillion)).isEqualTo(18);
        assertThat(report.summary()).isEqualTo(
                "bench: R1/R0=0.44 R2/R0=0.16 p99_ms=n/a state_B_per_customer=n/a scale_1M/1K=n/a");
    }

    @Test
    void theSummaryCarriesLatencyStateAndScale() {
        LatencyRun.Result latency = new LatencyRun.Result(7000, 140_000, 20, new LatencyRun.Percentiles(10, 900, 2500,
                4000), new LatencyRun.Percentiles(10, 300, 800, 1000), 20_000, 0, List.of(5L, 20_000L, 0L),
                List.of(new LatencyRun.KindLatency("POOR_EXPERIENCE", new LatencyRun.Percentiles(8, 800, 2000, 2100),
                        new LatencyRun.Percentiles(8, 250, 700, 750))));
        ScaleRun.Result small = new ScaleRun.Result(1_000, 100_000, 1_000, 10, 2_000_000);
        ScaleRun.Result large = new ScaleRun.Result(1_000_000, 100_000, 40_000, 12.5, 24_000_000);
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(1_000_000, 1000, 1),
                List.of(run("R0", 1, 4), run("R1", 1, 8), run("R2", 1, 20)), latency, small, large);

        assertThat(report.summary()).isEqualTo(
                "bench: R1/R0=0.50 R2/R0=0.20 p99_ms=2500 state_B_per_customer=600 scale_1M/1K=0.80");
        assertThat(report.markdown()).contains("| read_committed | 10 | 900 | 2500 | 4000 |",
                "| 1,000,000 | 100,000 | 40,000 | 8,000 | 24,000,000 | 600 |", report.summary());
        assertThat(report.json().get("latency").get("lag_samples")).hasSize(3);
        assertThat(report.markdown()).contains("| POOR_EXPERIENCE | 8 | 800 / 2000 | 250 / 700 |");
        assertThat(report.json().get("latency").get("by_kind").get("POOR_EXPERIENCE").get("read_committed")
                .get("p99_ms").asDouble()).isEqualTo(2000);
    }

    @Test
    void partsNotRunAreNotApplicableNotNaN() {
        ScaleRun.Result small = new ScaleRun.Result(1_000, 100_000, 1_000, 10, 2_000_000);
        ScaleRun.Result large = new ScaleRun.Result(1_000_000, 100_000, 40_000, 10, 24_000_000);
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(0, 0, 0), List.of(), null, small, large);

        assertThat(report.summary()).isEqualTo(
                "bench: R1/R0=n/a R2/R0=n/a p99_ms=n/a state_B_per_customer=600 scale_1M/1K=1.00");
        assertThat(report.markdown()).doesNotContain("NaN", "| R0 |");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }
        LatencyRun.Percentiles p = LatencyRun.Percentiles.of(values);

        assertThat(p.p50Ms()).isEqualTo(100);
        assertThat(p.p99Ms()).isEqualTo(198);
        assertThat(p.maxMs()).isEqualTo(200);
        assertThat(LatencyRun.Percentiles.of(List.of()).alerts()).isZero();
    }

    @Test
    void anAlertIsTimedFromTheFirstEventAtOrAfterItsEventTime() {
        long[] simTimes = {1000, 2000, 2000, 3000};
        long[] scheduled = {10, 20, 30, 40};
        List<AlertWatcher.Seen> seen = List.of(
                new AlertWatcher.Seen("REPEAT_CONTACT", 2000, 125),  // the first of the two events at 2000 was due at 20
                new AlertWatcher.Seen("REPEAT_CONTACT", 2500, 100),  // next event at 3000, due at 40
                new AlertWatcher.Seen("REPEAT_CONTACT", 9000, 500)); // after the last event: not timed

        LatencyRun.Percentiles p = LatencyRun.latencies(seen, simTimes, scheduled);

        assertThat(p.alerts()).isEqualTo(2);
        assertThat(p.maxMs()).isEqualTo(105);
        assertThat(p.p50Ms()).isEqualTo(60);
    }
}
