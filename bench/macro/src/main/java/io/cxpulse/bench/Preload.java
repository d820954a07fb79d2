package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.SimEvent;
import io.cxpulse.simulate.TrafficGenerator;
import io.cxpulse.simulate.World;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fills the input topics with the first {@code events} events of a simulation (the default
 * incident script, Avro in the configured wire format; for R3 also a JSON copy of the calls and
 * chats), and counts the distinct customers in
 * them: the state-per-customer figure divides by it.
 */
final class Preload {

    /**
     * Where the benchmark's simulated month starts: a Monday morning far enough back that the
     * month ends before any run's wall clock, so no event is refused as in the future.
     */
    static final Instant TRAFFIC_START = Instant.parse("2026-10-12T08:00:00Z");


    /** @param byInput events per input ({@code calls}, {@code chats}, ...) */
    record Result(long events, int customers, double seconds, Map<String, Long> byInput) {

        Result(long events, int customers, double seconds) {
            this(events, customers, seconds, Map.of());
        }

        /** Events of the given inputs. */
        long of(List<String> inputs) {
            return inputs.stream().mapToLong(input -> byInput.getOrDefault(input, 0L)).sum();
        }
    }

    private Preload() {}

    static Result run(CxPulseConfig config, long events, int customers, long seed) throws Exception {
        return run(config, events, customers, seed, false);
    }

    /** @param jsonCopy also write the calls and chats as JSON for R3 ({@link JsonCopy}) */
    static Result run(CxPulseConfig config, long events, int customers, long seed, boolean jsonCopy)
            throws Exception {
        // Ten times the demo's volume, so two million events are about seventeen simulated hours.
        TrafficGenerator traffic = new TrafficGenerator(
                new TrafficGenerator.Settings(seed, TRAFFIC_START, Duration.ofDays(30), 10,
                        customers),
                World.standard(seed, customers), IncidentScript.defaultScript());
        Set<String> seen = new HashSet<>();
        Map<String, Long> byInput = new TreeMap<>();
        long sent = 0;
        long started = System.nanoTime();
        try (KafkaTrafficSink sink = new KafkaTrafficSink(config, false);
                JsonCopy json = jsonCopy ? new JsonCopy(config) : null) {
            while (sent < events && traffic.hasNext()) {
                SimEvent e = traffic.next();
                seen.add(customerOf(e));
                byInput.merge(e.input().name(), 1L, Long::sum);
                sink.send(e);
                if (json != null) {
                    json.send(e);
                }
                sent++;
            }
        }
        return new Result(sent, seen.size(), (System.nanoTime() - started) / 1e9, byInput);
    }

    private static String customerOf(SimEvent e) {
        Object r = e.record();
        if (r instanceof CallEvent c) {
            return c.getCustomerId();
        } else if (r instanceof ChatEvent c) {
            return c.getCustomerId();
        } else if (r instanceof SurveyResponse s) {
            return s.getCustomerId();
        } else if (r instanceof ShipmentEvent s) {
            return s.getCustomerId();
        }
        return ((ComplaintEvent) r).getCustomerId();
    }
}
