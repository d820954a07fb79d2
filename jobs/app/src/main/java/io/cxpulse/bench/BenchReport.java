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

/** The benchmark's figures: per variant the median and spread of its rounds, and the ratios to R0. */
public final class BenchReport {

    private final Bench.Options options;
    private final Preload.Result loaded;
    private final List<Measurement> runs;
    private final LatencyRun.Result latency;
    private final ScaleRun.Result small;
    private final ScaleRun.Result large;

    BenchReport(Bench.Options options, Preload.Result loaded, List<Measurement> runs, LatencyRun.Result latency,
            ScaleRun.Result small, ScaleRun.Result large) {
        this.options = options;
        this.loaded = loaded;
        this.runs = List.copyOf(runs);
        this.latency = latency;
        this.small = small;
        this.large = large;
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
        return median(variant, Measurement::eventsPerSecond) / median("R0", Measurement::eventsPerSecond);
    }

    /** The one-line summary, last on standard output. */
    public String summary() {
        return "bench: R1/R0=" + figure("%.2f", ratio("R1")) + " R2/R0=" + figure("%.2f", ratio("R2"))
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
            b.append(String.format(Locale.ROOT, "%,d simulated events (%,d customers), %d rounds interleaved R0 R1 R2 "
                    + "after %d warm-up round(s) left out, parallelism %d, %d partitions per topic, %d cores.%n%n",
                    loaded.events(), loaded.customers(), options.rounds(), options.warmUpRounds(),
                    options.parallelism(), options.partitions(),
                    Runtime.getRuntime().availableProcessors()));
            b.append("| variant | events/s (median) | spread (min–max) | ratio to R0 | CPU-s per M events, Flink process | "
                    + "CPU-s per M events, broker |\n|---|---|---|---|---|---|\n");
            for (String v : Bench.VARIANTS) {
                b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %.2f | %.1f | %.1f |%n", v,
                        median(v, Measurement::eventsPerSecond), min(v, Measurement::eventsPerSecond),
                        max(v, Measurement::eventsPerSecond), ratio(v), median(v, Measurement::processCpuPerMillion),
                        median(v, Measurement::brokerCpuPerMillion)));
            }
            b.append("\nR0: kafka-clients consume→produce copy. R1: Flink decode, validate, encode, exactly-once sink, "
                    + "no state. R2: every job, as the demo runs them. Flink runs are timed by the job's net runtime.\n");
        }
        if (latency != null) {
            b.append(String.format(Locale.ROOT, "%n## Latency, open loop at %,.0f events/s%s%n%n", latency.rate(),
                    options.latencyRate() > 0 ? "" : " (70% of R2)"));
            b.append(String.format(Locale.ROOT, "%,d events sent in %.1f s (checkpoints every %d ms, %s), then %d s"
                    + " more traffic, not timed, so that time moves on past the last timed event as it does under"
                    + " steady load. From an event's scheduled send time to the alert it allows being visible:%n%n",
                    latency.sent(), latency.sendSeconds(), options.checkpointInterval().toMillis(),
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
            n.put("ratio_to_r0", ratio(v));
            n.put("process_cpu_s_per_million", median(v, Measurement::processCpuPerMillion));
            n.put("broker_cpu_s_per_million", median(v, Measurement::brokerCpuPerMillion));
        }
        if (latency != null) {
            ObjectNode l = root.putObject("latency");
            l.put("rate", latency.rate());
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
