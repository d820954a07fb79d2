package io.cxpulse.simulate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cxpulse.common.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The incidents of a simulation, read from a small YAML file:
 *
 * <pre>
 * incidents:
 *   - kind: BAD_SUPPLIER      # see IncidentKind
 *     subject: WH-F           # a supplier, category, agent or queue, as the kind needs
 *     start: 0m               # after the simulation's start: 90s, 15m, 2h, 1d or ISO-8601
 *     length: 6h
 *     strength: 12            # optional, default 5
 * </pre>
 *
 * <p>An unknown key, an unknown kind or a subject the simulated world does not have is an
 * error, not a silent no-op: a misspelt incident would otherwise score as a missed detection.
 */
public record IncidentScript(List<Incident> incidents) {

    /** The script {@code demo} and {@code simulate} use unless told otherwise. */
    public static final String DEFAULT_RESOURCE = "/io/cxpulse/simulate/default-incidents.yaml";

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Set<String> KEYS = Set.of("kind", "subject", "start", "length", "strength");

    public IncidentScript {
        incidents = List.copyOf(incidents);
    }

    public static IncidentScript defaultScript() {
        try (InputStream in = IncidentScript.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IncidentScript load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static IncidentScript parse(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new IncidentScript(List.of());
        }
        if (!root.isObject() || root.size() != 1 || !root.has("incidents")) {
            throw new IllegalArgumentException("an incident script is one key, 'incidents', holding a list");
        }
        JsonNode list = root.get("incidents");
        List<Incident> incidents = new ArrayList<>();
        if (list.isNull()) {
            return new IncidentScript(incidents);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("'incidents' must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = "incidents[" + i + "]";
            if (!item.isObject()) {
                throw new IllegalArgumentException(where + " must be a mapping");
            }
            item.fieldNames().forEachRemaining(key -> {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "' (expected " + KEYS + ")");
                }
            });
            try {
                incidents.add(new Incident(
                        IncidentKind.valueOf(text(item, "kind", where).toUpperCase(Locale.ROOT)),
                        text(item, "subject", where),
                        ConfigLoader.parseDuration(text(item, "start", where)),
                        ConfigLoader.parseDuration(text(item, "length", where)),
                        item.has("strength") ? item.get("strength").asDouble(Double.NaN) : 5));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new IncidentScript(incidents);
    }

    /** Checks every subject exists in {@code world}. */
    public void validateAgainst(World world) {
        for (Incident incident : incidents) {
            boolean known = switch (incident.kind()) {
                case BAD_SUPPLIER, LATE_ORDERS -> world.supplier(incident.subject()) != null;
                case COMPLAINT_SURGE -> World.CATEGORIES.stream().anyMatch(c -> c.name().equals(incident.subject()));
                case STRUGGLING_AGENT -> world.agent(incident.subject()) != null;
                case QUEUE_OVERLOAD -> world.queue(incident.subject()) != null;
            };
            if (!known) {
                throw new IllegalArgumentException(incident.kind() + " names '" + incident.subject()
                        + "', which the simulated world does not have");
            }
        }
    }

    /** The script's last end: how long a simulation must run to play all of it. */
    public Duration span() {
        return incidents.stream().map(Incident::end).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static String text(JsonNode item, String key, String where) {
        JsonNode value = item.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return value.asText();
    }
}
