package io.cxpulse.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.schema.AlertKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert episode as a consumer of {@code cx.alerts.v1} sees it: all the records sharing an
 * {@code alert_id}, from the first (normally OPEN) to the RESOLVED, if any. Times are event
 * times, the simulated clock's, not when the alert was computed.
 */
public record AlertEpisode(String alertId, AlertKind kind, String subject, Instant opened, Instant resolved) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the episodes of an {@code alerts.jsonl} (replay output, or alerts saved from the topic). */
    public static List<AlertEpisode> read(Path alertsJsonl) throws IOException {
        Map<String, AlertEpisode> episodes = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(alertsJsonl, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode a;
            AlertKind kind;
            Instant at;
            try {
                a = JSON.readTree(line);
                kind = AlertKind.valueOf(a.get("kind").asText());
                at = Instant.parse(a.get("event_time").asText());
            } catch (IOException | RuntimeException e) {
                throw new IOException(alertsJsonl + " line " + lineNumber + ": not an alert (" + e.getMessage() + ")", e);
            }
            String id = a.get("alert_id").asText();
            boolean resolvedNow = "RESOLVED".equals(a.path("status").asText());
            AlertEpisode seen = episodes.get(id);
            if (seen == null) {
                episodes.put(id, new AlertEpisode(id, kind, a.get("subject_id").asText(), at, resolvedNow ? at : null));
            } else {
                Instant opened = at.isBefore(seen.opened) ? at : seen.opened;
                Instant resolved = resolvedNow ? at : seen.resolved;
                episodes.put(id, new AlertEpisode(id, kind, seen.subject, opened, resolved));
            }
        }
        return new ArrayList<>(episodes.values());
    }
}
