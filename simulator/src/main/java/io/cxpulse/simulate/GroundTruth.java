package io.cxpulse.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What really happened in a simulation: one line of JSON per scripted incident, with its
 * kind, subject, absolute start and end on the simulated clock, and strength:
 *
 * <pre>{"kind":"QUEUE_OVERLOAD","subject":"delivery","start":"2026-11-16T08:20:00Z","end":"2026-11-16T09:20:00Z","strength":3.0}</pre>
 */
public record GroundTruth(IncidentKind kind, String subject, Instant start, Instant end, double strength) {

    /** The file name beside a simulation's output. */
    public static final String FILE = "truth.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<GroundTruth> of(IncidentScript script, Instant simulationStart) {
        List<GroundTruth> truth = new ArrayList<>();
        for (Incident incident : script.incidents()) {
            truth.add(new GroundTruth(incident.kind(), incident.subject(), simulationStart.plus(incident.start()),
                    simulationStart.plus(incident.end()), incident.strength()));
        }
        return truth;
    }

    public static void write(List<GroundTruth> truth, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (GroundTruth t : truth) {
                out.write(t.toJson());
                out.write('\n');
            }
        }
    }

    public static List<GroundTruth> read(Path file) throws IOException {
        List<GroundTruth> truth = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                truth.add(new GroundTruth(IncidentKind.valueOf(node.get("kind").asText()), node.get("subject").asText(),
                        Instant.parse(node.get("start").asText()), Instant.parse(node.get("end").asText()),
                        node.path("strength").asDouble(1)));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " line " + lineNumber + ": not a ground-truth record (" + e.getMessage()
                        + ")", e);
            }
        }
        return truth;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind.name());
        node.put("subject", subject);
        node.put("start", start.toString());
        node.put("end", end.toString());
        node.put("strength", strength);
        return node.toString();
    }
}
