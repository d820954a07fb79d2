package io.cxpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's figures: per variant the median and spread of its rounds and the ratios to R0
 * and R1; the latency run at each checkpoint interval tried (the best {@code read_committed} p99
 * is the one reported); state per customer at scale; state growth.
 */
public final class BenchReport {

    private final Bench.Options options;
    private final Preload.Result loaded;
    private final List<Measurement> runs;
    private final List<LatencyRun.Result> latencies;
    private final LatencyRun.Result latency;
    private final ScaleRun.Result small;
    private final ScaleRun.Result large;
    private final GrowthRun.Result growth;

    /** @param latencies one latency run per checkpoint interval tried */
    BenchReport(Bench.Options options, Preload.Result loaded, List<Measurement> runs,
            List<LatencyRun.Result> latencies, ScaleRun.Result small, ScaleRun.Result large, GrowthRun.Result growth) {
        this.options = options;
        this.loaded = loaded;
        this.runs = List.copyOf(runs);
        this.latencies = List.copyOf(latencies);
        this.latency = best(latencies);
        this.small = small;
        this.large = large;
        this.growth = growth;
    }

    /** The latency run with the lowest {@code read_committed} p99; null when none ran. */
    static LatencyRun.Result best(List<LatencyRun.Result> latencies) {
        return latencies.stream().min(java.util.Comparator.comparingDouble(
                (LatencyRun.Result l) -> Double.isNaN(l.committed().p99Ms()) ? Double.MAX_VALUE
                        : l.committed().p99Ms())).orElse(null);
    }

    double median(String variant, ToDoubleFunction<Measurement> f) {
        List<Double> values = new ArrayList<>();
        for (Measurement m : runs) {
            if (m.variant().equals(variant)) {
                values.add(f.applyAsDouble(m));
            }
        }
        values.sort(Double::compare);
        int n = values.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    double min(String variant, ToDoubleFunction<Measurement> f) {
        return runs.stream().filter(m -> m.variant().equals(variant)).mapToDouble(f).min().orElse(Double.NaN);
    }

    double max(String variant, ToDoubleFunction<Measurement> f) {
        return runs.stream().filter(m -> m.variant().equals(variant)).mapToDouble(f).max().orElse(Double.NaN);
    }

    public double ratio(String variant) {
        return ratio(variant, "R0");
    }

    /** Median events/s of {@code variant} over that of {@code base}. */
    public double ratio(String variant, String base) {
        return median(variant, Measurement::eventsPerSecond) / median(base, Measurement::eventsPerSecond);
    }

    /** The one-line summary, last on standard output. */
    public String summary() {
        return "bench: R1/R0=" + figure("%.2f", ratio("R1")) + " R2/R0=" + figure("%.2f", ratio("R2"))
                + " R2/R1=" + figure("%.2f", ratio("R2", "R1")) + " R3/R1=" + figure("%.2f", ratio("R3", "R1"))
                + " cpu_us_per_event=" + figure("%.1f", median("R2", Measurement::processCpuPerMillion))
                + " p99_ms=" + figure("%.0f", latency == null ? Double.NaN : latency.committed().p99Ms())
                + " state_B_per_customer=" + figure("%.0f", large == null ? Double.NaN : large.bytesPerCustomer())
                + " scale_1M/1K=" + figure("%.2f", small == null || large == null ? Double.NaN
                        : large.eventsPerSecond() / small.eventsPerSecond());
    }

    /** A figure the run measured, or {@code n/a} for a part it did not run. */
    private static String figure(String format, double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# CX Pulse benchmark\n\n");
        if (!runs.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%,d simulated events (%,d customers), %d rounds interleaved R0 R1 R2 R3 "
                    + "after %d warm-up round(s) left out, parallelism %d, %d partitions per topic, %d cores.%n%n",
                    loaded.events(), loaded.customers(), options.rounds(), options.warmUpRounds(),
                    options.parallelism(), options.partitions(),
                    Runtime.getRuntime().availableProcessors()));
            b.append("| variant | events read | events/s (median) | spread (min–max) | ratio to R0 | ratio to R1 | "
                    + "CPU-µs per event, Flink process | CPU-µs per event, broker |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (String v : Bench.VARIANTS) {
                if (runs.stream().noneMatch(m -> m.variant().equals(v))) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f–%,.0f | %.2f | %.2f | %.1f | %.1f |%n", v,
                        Bench.eventsOf(v, loaded), median(v, Measurement::eventsPerSecond),
                        min(v, Measurement::eventsPerSecond), max(v, Measurement::eventsPerSecond), ratio(v),
                        ratio(v, "R1"), median(v, Measurement::processCpuPerMillion),
                        median(v, Measurement::brokerCpuPerMillion)));
            }
            b.append("\nR0: kafka-clients consume→produce copy. R1: Flink decode, validate, encode, exactly-once sink, "
                    + "no state. R2: the production graph (every input, every output). R3: the QUEUE and TEAM 1-minute "
                    + "metric windows as one Flink SQL query (Kafka table connector) over a JSON copy of the calls and "
                    + "chats, exactly-once sink; its events/s count the calls and chats it reads. Flink runs are timed "
                    + "by the job's net runtime; CPU-µs per event is the process's CPU time over the events read.\n");
        }
        if (latency != null) {
            b.append(String.format(Locale.ROOT, "%n## Latency, open loop at %,.0f events/s%s%n%n", latency.rate(),
                    options.latencyRate() > 0 ? "" : " (70% of R2)"));
            b.append("One run per checkpoint interval; the one with the lower read_committed p99 is reported below"
                    + " and in the summary. Checkpoint figures from the job's checkpoint statistics (REST"
                    + " `/jobs/<id>/checkpoints`) at the end of the run:\n\n"
                    + "| checkpoint interval | read_committed p50 / p99 ms | read_uncommitted p99 ms | checkpoints |"
                    + " checkpoint duration p50 / max ms | state bytes, latest / max |\n|---|---|---|---|---|---|\n");
            for (LatencyRun.Result l : latencies) {
                CheckpointStats c = l.checkpoints();
                b.append(String.format(Locale.ROOT, "| %d ms%s | %.0f / %.0f | %.0f | %,d | %.0f / %.0f | %,d / %,d |%n",
                        l.checkpointInterval().toMillis(), l == latency ? " (best)" : "", l.committed().p50Ms(),
                        l.committed().p99Ms(), l.uncommitted().p99Ms(), c.completed(), c.durationP50Ms(),
                        c.durationMaxMs(), c.latestStateBytes(), c.maxStateBytes()));
            }
            b.append(String.format(Locale.ROOT, "%n%,d events sent in %.1f s (checkpoints every %d ms, %s), then %d s"
                    + " more traffic, not timed, so that time moves on past the last timed event as it does under"
                    + " steady load. From an event's scheduled send time to the alert it allows being visible:%n%n",
                    latency.sent(), latency.sendSeconds(), latency.checkpointInterval().toMillis(),
                    options.stateBackend(), LatencyRun.TAIL.toSeconds()));
            b.append("| reader | alerts | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            for (var row : List.of(java.util.Map.entry("read_committed", latency.committed()),
                    java.util.Map.entry("read_uncommitted", latency.uncommitted()))) {
                LatencyRun.Percentiles p = row.getValue();
                b.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f |%n", row.getKey(), p.alerts(),
                        p.p50Ms(), p.p99Ms(), p.maxMs()));
            }
            if (!latency.byKind().isEmpty()) {
                b.append("\nBy alert kind (a supplier verdict timed from its window's end plus the complaints' wait "
                        + "for shipments, when it can be judged):\n\n"
                        + "| kind | alerts | read_committed p50 / p99 ms | read_uncommitted p50 / p99 ms |\n"
                        + "|---|---|---|---|\n");
                for (LatencyRun.KindLatency k : latency.byKind()) {
                    b.append(String.format(Locale.ROOT, "| %s | %,d | %.0f / %.0f | %.0f / %.0f |%n", k.kind(),
                            k.committed().alerts(), k.committed().p50Ms(), k.committed().p99Ms(),
                            k.uncommitted().p50Ms(), k.uncommitted().p99Ms()));
                }
            }
            b.append(String.format(Locale.ROOT, "%nConsumer lag (input records behind the jobs' last committed "
                    + "offsets, sampled each second): max %,d, at the end %,d.%n", latency.maxLag(), latency.lagAtEnd()));
        }
        if (small != null && large != null) {
            b.append("\n## Scale: the same events over 1 K and 1 M customers\n\n");
            b.append("| customers | events | active customers | events/s | state bytes (savepoint) | bytes per active customer |\n"
                    + "|---|---|---|---|---|---|\n");
            for (ScaleRun.Result r : List.of(small, large)) {
                b.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,.0f | %,d | %.0f |%n", r.customers(), r.events(),
                        r.activeCustomers(), r.eventsPerSecond(), r.stateBytes(), r.bytesPerCustomer()));
            }
        }
        if (growth != null) {
            b.append(String.format(Locale.ROOT, "%n## State growth: the production graph at %,.0f events/s for %d min%n%n"
                    + "%,d events sent. Latest completed checkpoint's state, sampled every minute: %,d B after the"
                    + " first, %,d B at the end; least-squares slope %,.0f B per minute.%n%n"
                    + "| minute | state bytes |%n|---|---|%n", growth.rate(), growth.length().toMinutes(),
                    growth.sent(), growth.firstBytes(), growth.lastBytes(), growth.bytesPerMinute()));
            for (GrowthRun.Sample sample : growth.samples()) {
                b.append(String.format(Locale.ROOT, "| %.1f | %,d |%n", sample.minute(), sample.stateBytes()));
            }
        }
        b.append("\n").append(summary()).append('\n');
        return b.toString();
    }

    public ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("events", loaded.events());
        root.put("customers", loaded.customers());
        root.put("rounds", options.rounds());
        root.put("warm_up_rounds", options.warmUpRounds());
        root.put("checkpoint_interval_ms", options.checkpointInterval().toMillis());
        root.put("state_backend", options.stateBackend());
        root.put("parallelism", options.parallelism());
        root.put("partitions", options.partitions());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode variants = root.putObject("variants");
        for (String v : Bench.VARIANTS) {
            ObjectNode n = variants.putObject(v);
            n.put("events_per_s_median", median(v, Measurement::eventsPerSecond));
            n.put("events_per_s_min", min(v, Measurement::eventsPerSecond));
            n.put("events_per_s_max", max(v, Measurement::eventsPerSecond));
            n.put("events", Bench.eventsOf(v, loaded));
            n.put("ratio_to_r0", ratio(v));
            n.put("ratio_to_r1", ratio(v, "R1"));
            n.put("process_cpu_s_per_million", median(v, Measurement::processCpuPerMillion));
            n.put("broker_cpu_s_per_million", median(v, Measurement::brokerCpuPerMillion));
        }
        if (latency != null) {
            ArrayNode tried = root.putArray("latency_by_checkpoint_interval");
            for (LatencyRun.Result run : latencies) {
                CheckpointStats c = run.checkpoints();
                tried.addObject().put("checkpoint_interval_ms", run.checkpointInterval().toMillis())
                        .put("read_committed_p50_ms", run.committed().p50Ms())
                        .put("read_committed_p99_ms", run.committed().p99Ms())
                        .put("read_uncommitted_p99_ms", run.uncommitted().p99Ms())
                        .put("checkpoints_completed", c.completed()).put("checkpoints_failed", c.failed())
                        .put("checkpoint_duration_p50_ms", c.durationP50Ms())
                        .put("checkpoint_duration_max_ms", c.durationMaxMs())
                        .put("checkpoint_state_bytes_latest", c.latestStateBytes())
                        .put("checkpoint_state_bytes_max", c.maxStateBytes());
            }
            ObjectNode l = root.putObject("latency");
            l.put("rate", latency.rate());
            l.put("checkpoint_interval_ms", latency.checkpointInterval().toMillis());
            l.put("events", latency.sent());
            l.put("send_seconds", latency.sendSeconds());
            for (var row : List.of(java.util.Map.entry("read_committed", latency.committed()),
                    java.util.Map.entry("read_uncommitted", latency.uncommitted()))) {
                LatencyRun.Percentiles p = row.getValue();
                l.putObject(row.getKey()).put("alerts", p.alerts()).put("p50_ms", p.p50Ms()).put("p99_ms", p.p99Ms())
                        .put("max_ms", p.maxMs());
            }
            ObjectNode kinds = l.putObject("by_kind");
            for (LatencyRun.KindLatency k : latency.byKind()) {
                ObjectNode kind = kinds.putObject(k.kind());
                for (var row : List.of(java.util.Map.entry("read_committed", k.committed()),
                        java.util.Map.entry("read_uncommitted", k.uncommitted()))) {
                    LatencyRun.Percentiles p = row.getValue();
                    kind.putObject(row.getKey()).put("alerts", p.alerts()).put("p50_ms", p.p50Ms())
                            .put("p99_ms", p.p99Ms()).put("max_ms", p.maxMs());
                }
            }
            l.put("max_lag", latency.maxLag());
            l.put("lag_at_end", latency.lagAtEnd());
            ArrayNode samples = l.putArray("lag_samples");
            latency.lagSamples().forEach(samples::add);
        }
        if (small != null && large != null) {
            ArrayNode scale = root.putArray("scale");
            for (ScaleRun.Result r : List.of(small, large)) {
                scale.addObject().put("customers", r.customers()).put("events", r.events())
                        .put("active_customers", r.activeCustomers()).put("events_per_s", r.eventsPerSecond())
                        .put("state_bytes", r.stateBytes()).put("bytes_per_customer", r.bytesPerCustomer());
            }
        }
        if (growth != null) {
            ObjectNode g = root.putObject("growth");
            g.put("rate", growth.rate());
            g.put("minutes", growth.length().toMinutes());
            g.put("events", growth.sent());
            g.put("first_state_bytes", growth.firstBytes());
            g.put("last_state_bytes", growth.lastBytes());
            g.put("state_bytes_per_minute", growth.bytesPerMinute());
            ArrayNode samples = g.putArray("samples");
            growth.samples().forEach(sample -> samples.addObject().put("minute", sample.minute())
                    .put("state_bytes", sample.stateBytes()));
        }
        ArrayNode all = root.putArray("runs");
        for (Measurement r : runs) {
            all.addObject().put("variant", r.variant()).put("round", r.round()).put("seconds", r.seconds())
                    .put("events_per_s", r.eventsPerSecond()).put("process_cpu_s", r.processCpuSeconds())
                    .put("broker_cpu_s", r.brokerCpuSeconds());
        }
        root.put("summary", summary());
        return root;
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("bench.md"), markdown());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(directory.resolve("bench.json").toFile(), json());
    }
}
