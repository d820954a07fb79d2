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

    BenchReport(Bench.Options options, Preload.Result loaded, List<Measurement> runs) {
        this.options = options;
        this.loaded = loaded;
        this.runs = List.copyOf(runs);
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
        return String.format(Locale.ROOT, "bench: R1/R0=%.2f R2/R0=%.2f p99_ms=%s state_B_per_customer=%s scale_1M/1K=%s",
                ratio("R1"), ratio("R2"), "n/a", "n/a", "n/a");
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# CX Pulse benchmark\n\n");
        b.append(String.format(Locale.ROOT, "%,d simulated events (%,d customers), %d rounds interleaved R0 R1 R2, "
                + "parallelism %d, %d partitions per topic, %d cores.%n%n", loaded.events(), loaded.customers(),
                options.rounds(), options.parallelism(), options.partitions(),
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
        b.append("\n").append(summary()).append('\n');
        return b.toString();
    }

    public ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("events", loaded.events());
        root.put("customers", loaded.customers());
        root.put("rounds", options.rounds());
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
