package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection-quality loop a user runs: simulate the default incident script to a directory,
 * replay it through every job, score the alerts against the ground truth. Every scored incident
 * is found, and nearly every alert is explained by an incident.
 */
class SimulateScoreITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theDefaultScriptIsDetectedWithHighPrecisionAndRecall() throws Exception {
        Path sim = work.resolve("sim");
        Path out = work.resolve("out");
        Path score = work.resolve("score.json");

        CliRun simulate = CliRun.of("simulate", "--output", sim.toString(), "--seed", "7");
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        assertThat(simulate.out()).contains("ground truth (5 incidents)");
        assertThat(Files.readAllLines(sim.resolve("truth.jsonl"))).hasSize(5);

        CliRun replay = CliRun.of("replay", "--input", sim.toString(), "--output", out.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).containsPattern("calls\\.jsonl\\s+(\\d+)\\s+\\1\\s+0\\s+0");

        CliRun scored = CliRun.of("score", "--truth", sim.resolve("truth.jsonl").toString(),
                "--alerts", out.resolve("alerts.jsonl").toString(), "--json", score.toString());
        assertThat(scored.exitCode()).as(scored.err()).isZero();
        JsonNode result = JSON.readTree(score.toFile());
        assertThat(result.get("incidents").asInt()).as(scored.out()).isEqualTo(4);
        assertThat(result.get("recall").asDouble()).as(scored.out()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.get("precision").asDouble()).as(scored.out()).isGreaterThanOrEqualTo(0.9);
        for (JsonNode kind : result.get("kinds")) {
            if (kind.get("scored").asBoolean()) {
                assertThat(kind.get("detected").asInt()).as(scored.out()).isEqualTo(kind.get("incidents").asInt());
            }
        }
        assertThat(scored.out()).contains("QUEUE_OVERLOAD", "STRUGGLING_AGENT", "not scored", "all scored");
    }

    @Test
    void scoringNeedsReadableFiles() {
        CliRun run = CliRun.of("score", "--truth", work.resolve("missing.jsonl").toString(), "--alerts",
                work.resolve("alerts.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(CxPulse.EXIT_USAGE);
        assertThat(run.err()).contains("missing.jsonl");
    }

    @Test
    void anIncidentScriptNamingAnUnknownSubjectIsAUsageError() throws Exception {
        Path script = work.resolve("incidents.yaml");
        Files.writeString(script, "incidents:\n  - {kind: QUEUE_OVERLOAD, subject: nowhere, start: 0m, length: 1h}\n");

        CliRun run = CliRun.of("simulate", "--output", work.resolve("sim").toString(), "--incidents", script.toString());

        assertThat(run.exitCode()).isEqualTo(CxPulse.EXIT_USAGE);
        assertThat(run.err()).contains("nowhere");
    }
}
