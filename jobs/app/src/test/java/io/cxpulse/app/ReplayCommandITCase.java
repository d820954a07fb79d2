package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.time.LateEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxpulse replay} as a user runs it, in process: the committed sample of good and bad
 * lines (examples/replay/mixed, whose README lists every bad line) on a local Flink
 * MiniCluster.
 */
class ReplayCommandITCase {

    private static final Path SAMPLE = Path.of("../../examples/replay/mixed");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void writesEveryBadLineToTheDeadLettersWithItsLineNumberAndReasonAndExitsZero() throws Exception {
        CliRun run = CliRun.of("replay", "--input", SAMPLE.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> reasons = new TreeMap<>();
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("deadletter.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            deadLetters.add(node);
            reasons.put(node.get("file").asText() + ":" + node.get("line").asLong(), node.get("reason").asText());
        }
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "calls.jsonl:7", "MALFORMED_JSON",
                "calls.jsonl:9", "BAD_TIMESTAMP",
                "calls.jsonl:10", "OUT_OF_RANGE",
                "chats.jsonl:4", "MISSING_FIELD",
                "surveys.jsonl:3", "OUT_OF_RANGE",
                "surveys.jsonl:4", "MALFORMED_JSON",
                "shipments.jsonl:3", "MISSING_FIELD",
                "complaints.jsonl:3", "OUT_OF_RANGE"));
        JsonNode csat9 = deadLetters.stream()
                .filter(d -> d.get("file").asText().equals("surveys.jsonl") && d.get("line").asLong() == 3)
                .findFirst().orElseThrow();
        assertThat(csat9.get("error_message").asText()).isEqualTo("csat: 9 outside 1..5");
        assertThat(csat9.get("raw").asText()).contains("\"csat\":9");
        assertThat(csat9.get("job").asText()).isEqualTo("replay");

        // The experience job's alerts: one episode per unhappy customer or struggling queue, each
        // closed by the end of input, each with one alert id.
        Map<String, List<String>> episodes = new TreeMap<>();
        Map<String, java.util.Set<String>> ids = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode alert = JSON.readTree(line);
            String episode = alert.get("kind").asText() + ":" + alert.get("subject_id").asText();
            episodes.computeIfAbsent(episode, k -> new ArrayList<>()).add(alert.get("status").asText());
            ids.computeIfAbsent(episode, k -> new java.util.HashSet<>()).add(alert.get("alert_id").asText());
        }
        assertThat(episodes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "POOR_EXPERIENCE:C1042", List.of("OPEN", "UPDATE", "RESOLVED"), // 9 min wait, then CSAT 1
                "POOR_EXPERIENCE:C2001", List.of("OPEN", "RESOLVED"),           // abandoned after 3 min
                "POOR_EXPERIENCE:C4001", List.of("OPEN", "RESOLVED"),           // 第三次 … 我要投诉 in chat
                "LONG_WAIT:billing", List.of("OPEN", "UPDATE", "RESOLVED"),     // C1042 past 3 min, then past 6 (HIGH)
                "LONG_WAIT:delivery", List.of("OPEN", "RESOLVED")));
        assertThat(ids.values()).allSatisfy(episodeIds -> assertThat(episodeIds).hasSize(1));
        // Metrics: final records only (a bounded replay has no early updates), one per key.
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(line));
        }
        assertThat(metrics).isNotEmpty().allSatisfy(m -> assertThat(m.get("final").asBoolean()).isTrue());
        assertThat(metrics.stream().map(ReplayCommandITCase::metricKey).distinct()).hasSameSizeAs(metrics);
        // 09:00-10:00: call-1001 answered after 9 min, handled 12.5 min, not resolved; call-1002
        // abandoned; sv-1 rates call-1001 CSAT 1, NPS 2. The chat never ended: not a contact.
        JsonNode nineToTen = metric(metrics, "ALL|all|2026-11-20T09:00:00Z|2026-11-20T10:00:00Z");
        assertThat(nineToTen.get("contacts").asLong()).isEqualTo(2);
        assertThat(nineToTen.get("handled").asLong()).isEqualTo(1);
        assertThat(nineToTen.get("abandoned").asLong()).isEqualTo(1);
        assertThat(nineToTen.get("wait_ms_sum").asLong()).isEqualTo(540_000);
        assertThat(nineToTen.get("handle_ms_sum").asLong()).isEqualTo(750_000);
        assertThat(nineToTen.get("abandon_rate").asDouble()).isEqualTo(0.5);
        assertThat(nineToTen.get("service_level_pct").asDouble()).isEqualTo(0.0);
        assertThat(nineToTen.get("csat_pct").asDouble()).isEqualTo(0.0);
        assertThat(nineToTen.get("nps").asDouble()).isEqualTo(-100.0);
        JsonNode billing = metric(metrics, "QUEUE|billing|2026-11-20T09:00:00Z|2026-11-20T10:00:00Z");
        assertThat(billing.get("contacts").asLong()).isEqualTo(1);
        assertThat(billing.get("csat_responses").asLong()).as("sv-1 joined to call-1001's queue").isEqualTo(1);
        assertThat(billing.get("asa_s").asDouble()).isEqualTo(540.0);
        JsonNode abandonMinute = metric(metrics, "QUEUE|delivery|2026-11-20T09:28:00Z|2026-11-20T09:29:00Z");
        assertThat(abandonMinute.get("abandoned").asLong()).isEqualTo(1);
        assertThat(abandonMinute.get("asa_s").isNull()).as("no contact handled: no ASA").isTrue();
        // One shipping complaint about one of two orders: shares are written, nobody is flagged.
        assertThat(Files.readAllLines(out.resolve("supplier-shares.jsonl"))).isNotEmpty()
                .allSatisfy(line -> assertThat(JSON.readTree(line).get("flagged").asBoolean()).isFalse());
        // Counts in = accepted + dead letters + duplicates, per file.
        assertThat(run.out())
                .containsPattern("calls\\.jsonl\\s+9\\s+5\\s+3\\s+1")
                .containsPattern("surveys\\.jsonl\\s+4\\s+2\\s+2\\s+0");
    }

    private static String metricKey(JsonNode m) {
        return m.get("dimension").asText() + "|" + m.get("dimension_value").asText() + "|"
                + m.get("window_start").asText() + "|" + m.get("window_end").asText();
    }

    private static JsonNode metric(List<JsonNode> metrics, String key) {
        return metrics.stream().filter(m -> metricKey(m).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric record " + key));
    }

    /**
     * The committed seed sample (examples/replay/suppliers, written by its generate.py): WH-A
     * ships about 3% of orders and draws about a quarter of the shipping complaints; WH-T ships
     * 0.5% and draws three in two days.
     */
    @Test
    void theSupplierSampleNamesTheOutlierSupplierAndNoOther() throws Exception {
        CliRun run = CliRun.of("replay", "--input", "../../examples/replay/suppliers", "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.get("kind").asText()).isEqualTo("SUPPLIER_OUTLIER");
            assertThat(a.get("subject_id").asText()).isEqualTo("WH-A");
        });
        assertThat(alerts).extracting(a -> a.get("status").asText()).containsExactly("OPEN", "UPDATE", "RESOLVED");
        JsonNode open = alerts.get(0);
        assertThat(open.get("evidence").get("q_value").asDouble()).isLessThanOrEqualTo(0.01);
        assertThat(open.get("evidence").get("lift").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(open.get("evidence").has("prr_low")).isTrue();

        List<JsonNode> shares = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("supplier-shares.jsonl"))) {
            shares.add(JSON.readTree(line));
        }
        assertThat(shares).filteredOn(s -> s.get("flagged").asBoolean())
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.get("supplier_id").asText()).isEqualTo("WH-A");
                    assertThat(s.get("category").asText()).isEqualTo("SHIPPING");
                });
        assertThat(shares).filteredOn(s -> s.get("supplier_id").asText().equals("WH-T"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.get("complaints").asLong()).isLessThan(5));
        assertThat(run.out()).containsPattern("shipments\\.jsonl\\s+2000\\s+2000\\s+0\\s+0")
                .containsPattern("complaints\\.jsonl\\s+124\\s+124\\s+0\\s+0");

        // One line per category, supplier and window.
        assertThat(shares.stream().map(s -> s.get("category").asText() + "|" + s.get("supplier_id").asText() + "|"
                + s.get("window_start").asText())).doesNotHaveDuplicates();
        // The first day's window, counted from the sample files by hand (a few lines of Python over
        // shipments.jsonl and complaints.jsonl): 667 shipments, WH-A 24 of them; 40 shipping
        // complaints with an order, WH-A's 10; 20 product complaints, none on WH-A; 2 shipping
        // complaints with no order (00:15 and 12:15).
        Map<String, JsonNode> shipping = new TreeMap<>();
        Map<String, JsonNode> product = new TreeMap<>();
        for (JsonNode s : shares) {
            String category = s.get("category").asText();
            if (s.get("window_end").asText().equals("2026-11-21T00:00:00Z") && category.equals("SHIPPING")) {
                shipping.put(s.get("supplier_id").asText(), s);
            } else if (s.get("window_end").asText().equals("2026-11-21T00:00:00Z") && category.equals("PRODUCT")) {
                product.put(s.get("supplier_id").asText(), s);
            }
        }
        assertThat(shipping).containsOnlyKeys("WH-A", "WH-B", "WH-C", "WH-D", "WH-E", "WH-T");
        JsonNode whA = shipping.get("WH-A");
        assertThat(whA.get("shipments").asLong()).isEqualTo(24);
        assertThat(whA.get("complaints").asLong()).isEqualTo(10);
        assertThat(shipping.values().stream().mapToLong(s -> s.get("shipments").asLong()).sum()).isEqualTo(667);
        assertThat(shipping.values().stream().mapToLong(s -> s.get("complaints").asLong()).sum())
                .as("C counts shipping complaints only: the 20 product complaints leave it alone").isEqualTo(40);
        assertThat(whA.get("shipment_share").asDouble()).isEqualTo(24.0 / 667);
        assertThat(whA.get("complaint_share").asDouble()).isEqualTo(10.0 / 40);
        assertThat(product.get("WH-A").get("complaints").asLong()).isZero();
        assertThat(product.values().stream().mapToLong(s -> s.get("complaints").asLong()).sum()).isEqualTo(20);
        // The four shipping complaints with no order (00:15 and 12:15 on both days) are counted as
        // unattributed in every window of WH-A's alerts that covers them.
        List<java.time.Instant> noOrder = List.of(java.time.Instant.parse("2026-11-20T00:15:00Z"),
                java.time.Instant.parse("2026-11-20T12:15:00Z"), java.time.Instant.parse("2026-11-21T00:15:00Z"),
                java.time.Instant.parse("2026-11-21T12:15:00Z"));
        assertThat(alerts).allSatisfy(a -> {
            java.time.Instant from = java.time.Instant.parse(a.get("window_start").asText());
            java.time.Instant to = java.time.Instant.parse(a.get("window_end").asText());
            long inWindow = noOrder.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
            assertThat(a.get("evidence").get("unattributed_complaints").asDouble())
                    .as("unattributed in %s..%s", from, to).isEqualTo((double) inWindow);
        });
        assertThat(alerts.get(0).get("evidence").get("unattributed_complaints").asDouble()).isPositive();
    }

    @Test
    void inputFilesMayBeAbsent(@TempDir Path in) throws Exception {
        Files.writeString(in.resolve("surveys.jsonl"), String.join("\n",
                "{\"event_id\":\"s1\",\"interaction_id\":\"c1\",\"channel\":\"SMS\",\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C1\",\"nps\":3}",
                "{\"event_id\":\"s2\",\"interaction_id\":\"c2\",\"channel\":\"SMS\",\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C2\",\"nps\":11}"));

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString(), "--parallelism", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("deadletter.jsonl")))
                .singleElement().asString().contains("\"line\":2", "nps: 11 outside 0..10");
        assertThat(run.out()).containsPattern("surveys\\.jsonl\\s+2\\s+1\\s+1\\s+0").doesNotContain("calls.jsonl ");
    }

    @Test
    void theExperienceSectionOfTheConfigurationSetsTheThresholds(@TempDir Path conf) throws Exception {
        Path file = conf.resolve("cxpulse.yaml");
        Files.writeString(file, "experience:\n  queue-max-oldest-wait: 10m\n  long-wait-answered: 15m\n");

        CliRun run = CliRun.of("replay", "--input", SAMPLE.toString(), "--output", out.toString(), "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> subjects = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode alert = JSON.readTree(line);
            subjects.add(alert.get("kind").asText() + ":" + alert.get("subject_id").asText());
        }
        assertThat(subjects).as("no queue passed 10 min; C1042's 9 min wait is no longer poor, its CSAT 1 still is")
                .doesNotContain("LONG_WAIT:billing", "LONG_WAIT:delivery")
                .contains("POOR_EXPERIENCE:C1042");
    }

    @Test
    void theComplaintsSectionOfTheConfigurationSetsTheThresholds(@TempDir Path conf) throws Exception {
        Path file = conf.resolve("cxpulse.yaml");
        Files.writeString(file, "complaints:\n  min-complaints: 30\n");

        CliRun run = CliRun.of("replay", "--input", "../../examples/replay/suppliers", "--output", out.toString(),
                "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("alerts.jsonl")).as("WH-A never draws 30 complaints in a day").isEmptyFile();
        assertThat(out.resolve("supplier-shares.jsonl")).isNotEmptyFile();
    }

    @Test
    void anUnknownJobOrConfigurationKeyIsAUsageError(@TempDir Path conf) throws Exception {
        assertThat(CliRun.of("run", "nonsense").exitCode()).isEqualTo(2);
        CliRun formerJob = CliRun.of("run", "experience");
        assertThat(formerJob.exitCode()).isEqualTo(2);
        assertThat(formerJob.err()).contains("one application now", "cxpulse run");
        CliRun restore = CliRun.of("run", "all", "--from-savepoint", conf.resolve("chk-7").toString());
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.err()).contains("no such savepoint or checkpoint");
        Path file = conf.resolve("cxpulse.yaml");
        Files.writeString(file, "experience:\n  queue-max-wait: 10m\n");
        CliRun run = CliRun.of("replay", "--input", SAMPLE.toString(), "--output", out.toString(), "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("experience.queue-max-wait");
    }

    @Test
    void aMissingInputDirectoryIsAOneLineErrorWithExitCodeTwo() {
        CliRun run = CliRun.of("replay", "--input", out.resolve("nope").toString(), "--output", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("cxpulse: input directory").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.of("replay", "--output", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--input");
    }

    @Test
    void theMetricsSectionOfTheConfigurationSetsTheThresholds(@TempDir Path conf) throws Exception {
        Path file = conf.resolve("cxpulse.yaml");
        Files.writeString(file, "metrics:\n  service-level: 10m\n  short-window: 15m\n");

        CliRun run = CliRun.of("replay", "--input", SAMPLE.toString(), "--output", out.toString(), "--config", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(line));
        }
        assertThat(metrics).isNotEmpty().allSatisfy(m -> assertThat(java.time.Duration.between(
                java.time.Instant.parse(m.get("window_start").asText()), java.time.Instant.parse(m.get("window_end").asText())))
                .as("15-minute and 1-hour windows").isIn(java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(1)));
        // call-1001 waited 9 min: within a 10-minute service level (not the default 20 s); call-1002 abandoned.
        JsonNode nineToTen = metric(metrics, "ALL|all|2026-11-20T09:00:00Z|2026-11-20T10:00:00Z");
        assertThat(nineToTen.get("answered_within_sl").asLong()).isEqualTo(1);
        assertThat(nineToTen.get("service_level_pct").asDouble()).isEqualTo(50.0);
        assertThat(run.out()).contains("too late, dropped: 0");
    }

    @Test
    void anEventTooLateForItsMetricsWindowIsADeadLetterLineWithItsReasonAndWhatItWouldHaveAdded() throws Exception {
        DeadLetter late = DeadLetter.late("metrics", "metrics window PT1M", "AGENT|agent-7".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "{\"dimension\":\"AGENT\",\"value\":\"agent-7\","
                + "\"event_time\":\"2026-11-20T09:00:20Z\",\"counts\":{\"csat_responses\":1}}",
                "io.cxpulse.metrics.functions.LateContributions", "late: AGENT|agent-7 at 2026-11-20T09:00:20Z ...");

        JsonNode line = JSON.readTree(Replay.deadLetterLine(late));

        assertThat(line.get("reason").asText()).isEqualTo("LATE");
        assertThat(line.get("source").asText()).isEqualTo("metrics window PT1M");
        assertThat(line.get("job").asText()).isEqualTo("metrics");
        assertThat(line.get("error_message").asText()).startsWith("late: AGENT|agent-7");
        assertThat(line.get("late").get("counts").get("csat_responses").asLong()).as("readable, not base64").isEqualTo(1);
        assertThat(line.has("file")).as("not a line of an input file").isFalse();
        assertThat(new ReplaySummary(Map.of(), Map.of(),
                new LateEvents.Report(Map.of("metrics-window-PT1M", 4L, "interaction-assembler", 0L), Map.of()), out)
                .render()).contains("too late, dropped: 4 (metrics-window-PT1M 4)");
    }
}
