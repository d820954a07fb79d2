package io.cxpulse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.replay.JsonRecordMapper;
import io.cxpulse.common.serde.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Compares what a live run committed to an output topic with what a replay of the same traffic
 * wrote, record for record, as multisets of records in one canonical form (the replay file's
 * JSON, object keys sorted).
 *
 * <p>What replay and live cannot agree on is left out, by design: an alert's {@code detected_at}
 * (the wall clock when it was raised); a metric's early updates ({@code final = false}: they
 * come every few seconds of processing time while a window is open; replay emits final records
 * only); and an AGENT record's {@code csat_shrunk_pct}, whose prior is fitted over the agents'
 * latest tallies of the window, early updates included, so that it depends on when early updates
 * fired ({@link #STRICT} compares it too, to report how many records it changes); and the
 * alerts of customers who had a call or chat still open when the traffic ended (see
 * {@link Chaos}). Everything else is a function of the events and their event times.
 */
public final class OutputOracle {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields left out of the comparison: processing-time parts (see the class comment). */
    public static final List<String> EXCLUDED = List.of("detected_at", "csat_shrunk_pct");

    /** Only the wall clock left out: for reporting what the other exclusions hide. */
    public static final List<String> STRICT = List.of("detected_at");

    /** The outcome for one output: records compared, and the live run's missing, doubled and extra ones. */
    public record Comparison(String output, long expected, long committed, long missing, long duplicates, long extra,
            List<String> examples) {

        public static Comparison of(String output, Map<String, Integer> expected, Map<String, Integer> live) {
            long missing = 0;
            long duplicates = 0;
            long extra = 0;
            List<String> examples = new ArrayList<>();
            List<String> extras = new ArrayList<>();
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                int got = live.getOrDefault(e.getKey(), 0);
                if (got < e.getValue()) {
                    missing += e.getValue() - got;
                    note(examples, "missing " + e.getKey());
                } else if (got > e.getValue()) {
                    duplicates += got - e.getValue();
                    note(examples, "duplicate " + e.getKey());
                }
            }
            for (Map.Entry<String, Integer> e : live.entrySet()) {
                if (!expected.containsKey(e.getKey())) {
                    extra += e.getValue();
                    note(extras, "extra " + e.getKey());
                }
            }
            examples = new ArrayList<>(examples.subList(0, Math.min(3, examples.size())));
            examples.addAll(extras.subList(0, Math.min(3, extras.size())));
            return new Comparison(output, count(expected), count(live), missing, duplicates, extra, examples);
        }

        private static void note(List<String> examples, String example) {
            if (examples.size() < 5) {
                examples.add(example.length() > 2000 ? example.substring(0, 2000) + "…" : example);
            }
        }

        private static long count(Map<String, Integer> records) {
            return records.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    private OutputOracle() {}

    /** The replay's file of {@code output} in {@code directory}, canonical. */
    public static Map<String, Integer> fromReplay(OutputTopic<?> output, Path directory, List<String> excluded,
            Set<String> customersLeftOut) throws IOException {
        Map<String, Integer> records = new HashMap<>();
        try (Stream<String> lines = Files.lines(directory.resolve(output.replayFile()))) {
            lines.filter(line -> !line.isBlank())
                    .map(line -> canonical(line, excluded, customersLeftOut))
                    .filter(c -> c != null)
                    .forEach(c -> records.merge(c, 1, Integer::sum));
        }
        return records;
    }

    /** Committed record values of {@code output}, decoded and canonical. */
    public static <T extends SpecificRecordBase> Map<String, Integer> fromLive(
            OutputTopic<T> output, String topic, RecordCodec<T> codec, List<byte[]> values, List<String> excluded,
            Set<String> customersLeftOut) {
        JsonRecordMapper<T> mapper = JsonRecordMapper.forClass(output.recordClass());
        codec.open();
        Map<String, Integer> records = new HashMap<>();
        for (byte[] value : values) {
            try {
                String c = canonical(mapper.write(codec.decode(topic, value)), excluded, customersLeftOut);
                if (c != null) {
                    records.merge(c, 1, Integer::sum);
                }
            } catch (Exception e) {
                records.merge("undecodable: " + e.getMessage(), 1, Integer::sum);
            }
        }
        return records;
    }

    /**
     * The record with keys sorted and the processing-time parts left out; null to leave it out (an
     * early metric update, or an alert about one of {@code customersLeftOut}).
     */
    static String canonical(String json, List<String> excluded, Set<String> customersLeftOut) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node.has("final") && !node.path("final").asBoolean()) {
                return null;
            }
            if (customersLeftOut.contains(node.path("customer_id").asText(""))) {
                return null;
            }
            ((ObjectNode) node).remove(excluded);
            return JSON.writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new TreeMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), sorted(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            ((ArrayNode) node).forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
