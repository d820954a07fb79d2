package io.cxpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic: medians, ratios, percentiles, the latency mapping, the summary line. */
class BenchReportTest {

    private static final Bench.Options OPTIONS = new Bench.Options(1_000_000, 3, 1, Duration.ofSeconds(2), "hashmap",
            2, 2, 1000, 1,
            Duration.ofSeconds(20),
            0, 1000, Set.of("throughput", "latency", "scale", "growth"), Path.of("target/bench"), Duration.ofMinutes(30),
            5000);

    private static Measurement run(String variant, int round, double seconds) {
        return new Measurement(variant, round, 1_000_000, seconds, seconds * 2, seconds / 2);
    }

    @Test
    void ratiosAreOfMediansAcrossInterleavedRounds() {
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(1_000_000, 1000, 1), List.of(
                run("R0", 1, 4), run("R1", 1, 8), run("R2", 1, 20),
                run("R0", 2, 5), run("R1", 2, 10), run("R2", 2, 40),
                run("R0", 3, 2), run("R1", 3, 9), run("R2", 3, 25)), List.of(), null, null, null);

        assertThat(report.median("R0", Measurement::eventsPerSecond)).isEqualTo(250_000);
        assertThat(report.min("R2", Measurement::eventsPerSecond)).isEqualTo(25_000);
        assertThat(report.ratio("R1")).isEqualTo(1_000_000 / 9.0 / 250_000);
        assertThat(report.ratio("R2")).isEqualTo(40_000 / 250_000.0);
        assertThat(report.median("R1", Measurement::processCpuPerMillion)).isEqualTo(18);
        assertThat(report.summary()).isEqualTo("bench: R1/R0=0.44 R2/R0=0.16 R2/R1=0.36 R3/R1=n/a cpu_us_per_event=50.0"
                + " p99_ms=n/a state_B_per_customer=n/a scale_1M/1K=n/a");
    }

    @Test
    void theSummaryCarriesLatencyStateAndScale() {
        LatencyRun.Result latency = new LatencyRun.Result(7000, 140_000, 20, new LatencyRun.Percentiles(10, 900, 2500,
                4000), new LatencyRun.Percentiles(10, 300, 800, 1000), 20_000, 0, List.of(5L, 20_000L, 0L),
                List.of(new LatencyRun.KindLatency("POOR_EXPERIENCE", new LatencyRun.Percentiles(8, 800, 2000, 2100),
                        new LatencyRun.Percentiles(8, 250, 700, 750))), Duration.ofSeconds(1),
                new CheckpointStats(20, 0, 300, 900, 4_000_000, 5_000_000));
        ScaleRun.Result small = new ScaleRun.Result(1_000, 100_000, 1_000, 10, 2_000_000);
        ScaleRun.Result large = new ScaleRun.Result(1_000_000, 100_000, 40_000, 12.5, 24_000_000);
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(1_000_000, 1000, 1),
                List.of(run("R0", 1, 4), run("R1", 1, 8), run("R2", 1, 20)), List.of(latency), small, large, null);

        assertThat(report.summary()).isEqualTo("bench: R1/R0=0.50 R2/R0=0.20 R2/R1=0.40 R3/R1=n/a cpu_us_per_event=40.0"
                + " p99_ms=2500 state_B_per_customer=600 scale_1M/1K=0.80");
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
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(0, 0, 0), List.of(), List.of(), small, large,
                null);

        assertThat(report.summary()).isEqualTo("bench: R1/R0=n/a R2/R0=n/a R2/R1=n/a R3/R1=n/a cpu_us_per_event=n/a"
                + " p99_ms=n/a state_B_per_customer=600 scale_1M/1K=1.00");
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

    @Test
    void r3IsReportedOverTheCallsAndChatsItReadsAndAgainstR1() {
        Preload.Result loaded = new Preload.Result(1_000_000, 1000, 1,
                Map.of("calls", 400_000L, "chats", 300_000L, "surveys", 100_000L, "shipments", 150_000L,
                        "complaints", 50_000L));
        Measurement r3 = new Measurement("R3", 1, Bench.eventsOf("R3", loaded), 7, 14, 1);
        BenchReport report = new BenchReport(OPTIONS, loaded, List.of(run("R0", 1, 4), run("R1", 1, 8),
                run("R2", 1, 20), r3), List.of(), null, null, null);

        assertThat(r3.events()).isEqualTo(700_000);
        assertThat(report.ratio("R3", "R1")).isEqualTo(0.8);
        assertThat(report.summary()).startsWith(
                "bench: R1/R0=0.50 R2/R0=0.20 R2/R1=0.40 R3/R1=0.80 cpu_us_per_event=40.0 p99_ms=n/a");
        assertThat(report.markdown()).contains("| R3 | 700,000 | 100,000 | 100,000–100,000 | 0.40 | 0.80 | 20.0 | 1.4 |",
                "| R2 | 1,000,000 | 50,000 | 50,000–50,000 | 0.20 | 0.40 | 40.0 | 10.0 |");
        assertThat(report.json().get("variants").get("R3").get("ratio_to_r1").asDouble()).isEqualTo(0.8);
    }

    @Test
    void theLatencyReportedIsTheCheckpointIntervalWithTheLowerCommittedP99() {
        LatencyRun.Result halfSecond = latencyRun(Duration.ofMillis(500), 1900, new CheckpointStats(60, 1, 350, 1200,
                3_000_000, 3_500_000));
        LatencyRun.Result oneSecond = latencyRun(Duration.ofSeconds(1), 1600, new CheckpointStats(30, 0, 300, 700,
                3_100_000, 3_300_000));
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(1_000_000, 1000, 1),
                List.of(run("R0", 1, 4), run("R1", 1, 8), run("R2", 1, 20)), List.of(halfSecond, oneSecond), null,
                null, null);

        assertThat(report.summary()).contains(" p99_ms=1600 ");
        assertThat(report.markdown()).contains("| 500 ms | 900 / 1900 | 800 | 60 | 350 / 1200 | 3,000,000 / 3,500,000 |",
                "| 1000 ms (best) | 900 / 1600 | 800 | 30 | 300 / 700 | 3,100,000 / 3,300,000 |",
                "(checkpoints every 1000 ms, hashmap)");
        assertThat(report.json().get("latency").get("checkpoint_interval_ms").asLong()).isEqualTo(1000);
        assertThat(report.json().get("latency_by_checkpoint_interval")).hasSize(2);
    }

    @Test
    void aLatencyRunWithoutAlertsIsNeverTheBest() {
        LatencyRun.Result none = new LatencyRun.Result(7000, 140_000, 20, LatencyRun.Percentiles.of(List.of()),
                LatencyRun.Percentiles.of(List.of()), 0, 0, List.of(), List.of(), Duration.ofMillis(500),
                CheckpointStats.NONE);
        LatencyRun.Result some = latencyRun(Duration.ofSeconds(1), 3000, CheckpointStats.NONE);

        assertThat(BenchReport.best(List.of(none, some))).isSameAs(some);
        assertThat(BenchReport.best(List.of())).isNull();
    }

    @Test
    void stateGrowthIsALeastSquaresSlopeWithFirstAndLastSizes() {
        GrowthRun.Result growth = new GrowthRun.Result(5000, Duration.ofMinutes(3), 900_000, List.of(
                new GrowthRun.Sample(1, 1_000_000), new GrowthRun.Sample(2, 1_500_000),
                new GrowthRun.Sample(3, 2_000_000)));
        BenchReport report = new BenchReport(OPTIONS, new Preload.Result(0, 0, 0), List.of(), List.of(), null, null,
                growth);

        assertThat(growth.bytesPerMinute()).isEqualTo(500_000);
        assertThat(report.markdown()).contains("1,000,000 B after the first, 2,000,000 B at the end; least-squares"
                + " slope 500,000 B per minute", "| 3.0 | 2,000,000 |");
        assertThat(report.json().get("growth").get("state_bytes_per_minute").asDouble()).isEqualTo(500_000);
        assertThat(new GrowthRun.Result(5000, Duration.ofMinutes(1), 0, List.of()).bytesPerMinute()).isNaN();
    }

    @Test
    void checkpointStatisticsAreReadFromFlinksRestDocument() throws Exception {
        String body = """
                {"counts":{"restored":0,"total":12,"in_progress":1,"completed":10,"failed":1},
                 "summary":{"state_size":{"min":10,"max":4000,"avg":2000,"p50":2100},
                            "end_to_end_duration":{"min":20,"max":950,"avg":300,"p50":250}},
                 "latest":{"completed":{"id":11,"state_size":3900,"end_to_end_duration":240}}}""";

        CheckpointStats stats = CheckpointStats.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));

        assertThat(stats).isEqualTo(new CheckpointStats(10, 1, 250, 950, 3900, 4000));
    }

    private static LatencyRun.Result latencyRun(Duration interval, double committedP99, CheckpointStats checkpoints) {
        return new LatencyRun.Result(7000, 140_000, 20, new LatencyRun.Percentiles(10, 900, committedP99, 4000),
                new LatencyRun.Percentiles(10, 300, 800, 1000), 20_000, 0, List.of(), List.of(), interval, checkpoints);
    }
}
