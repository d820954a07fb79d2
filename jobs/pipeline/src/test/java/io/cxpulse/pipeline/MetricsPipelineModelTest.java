package io.cxpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.replay.JsonRecordMapper;
import io.cxpulse.common.replay.ReplayInputs;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.Sender;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of the one CX Pulse graph ({@link Pipelines}) against {@link MetricsReferenceModel}: three hours of generated traffic
 * (calls and chats with waits, abandons, transfers, resolutions and repeat contacts; surveys;
 * shipments; complaints with and without a known order), each input file out of event-time
 * order within the watermark bound and with duplicated lines, read the production way (the
 * replay sources: validation, de-duplication, watermarks). Every final record must equal the
 * model's: counts exactly, ratios to 1e-9, and the same set of keys.
 */
class MetricsPipelineModelTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final long SPAN_MS = 3 * 3_600_000L;
    /** Arrival jitter: below the sources' 30 s out-of-orderness bound, so nothing is late. */
    private static final long JITTER_MS = 20_000;
    private static final String[] QUEUES = {"billing", "delivery", "returns"};
    private static final String[] REASONS = {"refund", "where-is-my-order", "account"};
    private static final String[] SUPPLIERS = {"WH-A", "WH-B", "WH-C", "WH-D", "WH-E", "WH-F"};

    private final Random random = new Random(5);
    private final List<CallEvent> calls = new ArrayList<>();
    private final List<ChatEvent> chats = new ArrayList<>();
    private final List<SurveyResponse> surveys = new ArrayList<>();
    private final List<ShipmentEvent> shipments = new ArrayList<>();
    private final List<ComplaintEvent> complaints = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void everyFinalRecordEqualsTheReferenceModel() throws Exception {
        generate();
        write("calls.jsonl", calls, CallEvent.class, e -> e.getEventTime());
        write("chats.jsonl", chats, ChatEvent.class, e -> e.getEventTime());
        write("surveys.jsonl", surveys, SurveyResponse.class, e -> e.getEventTime());
        write("shipments.jsonl", shipments, ShipmentEvent.class, e -> e.getEventTime());
        write("complaints.jsonl", complaints, ComplaintEvent.class, e -> e.getEventTime());
        int events = calls.size() + chats.size() + surveys.size() + shipments.size() + complaints.size();
        assertThat(events).as("a few thousand events").isBetween(3_000, 8_000);

        MetricsConfig config = MetricsConfig.DEFAULTS.withoutEarlyUpdates();
        MetricsReferenceModel model = new MetricsReferenceModel(config.serviceLevel().toMillis(),
                config.firstContactLookback().toMillis(), config.shortWindow().toMillis(), config.longWindow().toMillis());
        Map<String, Map<String, Long>> expected = model.compute(calls, chats, surveys, shipments, complaints);
        Map<String, Double> expectedShrunk = model.shrunkCsat();

        Map<String, MetricSnapshot> actual = new HashMap<>();
        List<String> duplicateFinals = new ArrayList<>();
        for (MetricSnapshot s : runThePipeline(config)) {
            assertThat(s.getFinal$()).as("no early records without early updates").isTrue();
            String key = s.getDimension() + "|" + s.getDimensionValue() + "|" + s.getWindowStart().toEpochMilli() + "|"
                    + (s.getWindowEnd().toEpochMilli() - s.getWindowStart().toEpochMilli());
            if (actual.put(key, s) != null) {
                duplicateFinals.add(key);
            }
        }

        assertThat(duplicateFinals).as("one final record per key: nothing was late").isEmpty();
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        assertThat(missing).as("dimension values and windows the model has and the pipeline did not emit").isEmpty();
        assertThat(extra).as("dimension values and windows the pipeline emitted and the model has not").isEmpty();
        int compared = 0;
        int shrunk = 0;
        for (Map.Entry<String, Map<String, Long>> e : expected.entrySet()) {
            MetricSnapshot s = actual.get(e.getKey());
            for (String field : MetricsReferenceModel.COUNTS) {
                assertThat(((Number) s.get(field)).longValue()).as("%s %s", e.getKey(), field)
                        .isEqualTo(e.getValue().get(field));
            }
            for (Map.Entry<String, Double> ratio : MetricsReferenceModel.ratios(s.getDimension().name(), e.getValue())
                    .entrySet()) {
                Double value = (Double) s.get(ratio.getKey());
                if (ratio.getValue() == null) {
                    assertThat(value).as("%s %s", e.getKey(), ratio.getKey()).isNull();
                } else {
                    assertThat(value).as("%s %s", e.getKey(), ratio.getKey()).isCloseTo(ratio.getValue(), within(1e-9));
                }
            }
            if (!s.getDimension().name().equals("AGENT")) {
                assertThat(s.getCsatShrunkPct()).isNull();
            } else if (expectedShrunk.get(e.getKey()) == null) {
                assertThat(s.getCsatShrunkPct()).as("%s csat_shrunk_pct", e.getKey()).isNull();
            } else {
                assertThat(s.getCsatShrunkPct()).as("%s csat_shrunk_pct", e.getKey())
                        .isCloseTo(expectedShrunk.get(e.getKey()), within(1e-9));
                shrunk++;
            }
            compared++;
        }
        assertThat(compared).as("records compared").isGreaterThan(1_000);
        assertThat(shrunk).as("AGENT records with a shrunk CSAT compared").isGreaterThan(30);
        assertThat(expectedShrunk.values().stream().filter(v -> v != null).distinct().count())
                .as("not every window pools completely").isGreaterThan(10);
        // The traffic exercises every definition, not only the easy ones.
        Map<String, Long> all = expected.entrySet().stream().filter(e -> e.getKey().startsWith("ALL|all|"))
                .filter(e -> e.getKey().endsWith("|3600000")).map(Map.Entry::getValue)
                .reduce(new HashMap<>(), (a, b) -> {
                    b.forEach((k, v) -> a.merge(k, v, Long::sum));
                    return a;
                });
        assertThat(all).allSatisfy((field, total) -> assertThat(total).as(field).isPositive());
        assertThat(all.get("resolved_first_contact")).as("some resolved contacts are repeats")
                .isLessThan(all.get("handled"));
    }

    private List<MetricSnapshot> runThePipeline(MetricsConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ReplayInputs inputs = new ReplayInputs(env, CxPulseConfig.defaults(), dir, "model-test");
        PipelineOutputs outputs = Pipelines.attachAll(inputs,
                new Pipelines.JobConfigs(ExperienceConfig.DEFAULTS, ComplaintsConfig.DEFAULTS, config), true);
        List<MetricSnapshot> out = new ArrayList<>();
        try (CloseableIterator<MetricSnapshot> records =
                Pipelines.union(outputs.metrics()).executeAndCollect("metrics-model-test")) {
            records.forEachRemaining(out::add);
        }
        return out;
    }

    /** Writes a JSON Lines file in arrival order: event time plus a jitter, with about 2% of lines duplicated. */
    private <T extends SpecificRecord> void write(String file, List<T> events, Class<T> type,
            Function<T, Instant> time) throws Exception {
        record Arrival<T>(long at, T event) {}
        List<Arrival<T>> arrivals = new ArrayList<>();
        for (T e : events) {
            long at = time.apply(e).toEpochMilli();
            arrivals.add(new Arrival<>(at + (long) (random.nextDouble() * JITTER_MS), e));
            if (random.nextDouble() < 0.02) {
                arrivals.add(new Arrival<>(at + (long) (random.nextDouble() * JITTER_MS), e));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        JsonRecordMapper<T> json = JsonRecordMapper.forClass(type);
        Files.write(dir.resolve(file), arrivals.stream().map(a -> json.write(a.event())).toList());
    }

    private void generate() {
        // Orders shipped over the two days before and during the span, by six suppliers.
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String order = "ord-" + i;
            Instant shipped = T0.minusSeconds(48 * 3600).plusMillis((long) (random.nextDouble() * (48 * 3600_000L + SPAN_MS)));
            shipments.add(ShipmentEvent.newBuilder().setEventId("sh-" + i).setOrderId(order)
                    .setType(ShipmentEventType.SHIPPED).setEventTime(shipped).setCustomerId("K" + i)
                    .setSupplierId(SUPPLIERS[random.nextInt(SUPPLIERS.length)]).setCarrier("dhl").build());
            if (random.nextDouble() < 0.3) {
                shipments.add(ShipmentEvent.newBuilder().setEventId("dl-" + i).setOrderId(order)
                        .setType(ShipmentEventType.DELIVERED).setEventTime(shipped.plusSeconds(3600 * 20))
                        .setCustomerId("K" + i).setSupplierId("WH-A").build());
            }
            if (shipped.isBefore(T0)) {
                orders.add(order);
            }
        }
        for (int i = 0; i < 150; i++) {
            Instant at = T0.plusMillis((long) (random.nextDouble() * SPAN_MS));
            double kind = random.nextDouble();
            String order = kind < 0.7 ? orders.get(random.nextInt(orders.size())) : kind < 0.8 ? "unknown-" + i : null;
            Channel channel = random.nextDouble() < 0.2 ? null : Channel.values()[random.nextInt(3)];
            // A complaint about a shipped order comes from the customer it was shipped to: the one
            // graph meets shipments and complaints by customer.
            String customer = order != null && order.startsWith("ord-") ? "K" + order.substring(4) : "K" + i;
            complaints.add(ComplaintEvent.newBuilder().setEventId("cp-" + i).setComplaintId("c-" + i)
                    .setType(ComplaintEventType.OPENED).setEventTime(at).setCustomerId(customer)
                    .setCategory(ComplaintCategory.values()[random.nextInt(3)]).setOrderId(order).setChannel(channel)
                    .build());
            if (random.nextDouble() < 0.2) {
                complaints.add(ComplaintEvent.newBuilder().setEventId("cp-esc-" + i).setComplaintId("c-" + i)
                        .setType(ComplaintEventType.ESCALATED).setEventTime(at.plusSeconds(600)).setCustomerId(customer)
                        .setCategory(ComplaintCategory.SHIPPING).build());
            }
        }
        for (int i = 0; i < 650; i++) {
            contact(i, T0.toEpochMilli() + (long) (random.nextDouble() * (SPAN_MS - 3_600_000L)));
        }
        // Earlier contacts just outside and just inside the 72 h first-contact lookback.
        for (int i = 650; i < 690; i++) {
            contact(i, T0.toEpochMilli() - (i % 2 == 0 ? 73 : 71) * 3_600_000L);
        }
    }

    /** One call or chat with its whole life, and sometimes a survey about it. */
    private void contact(int i, long start) {
        boolean voice = random.nextDouble() < 0.7;
        String id = (voice ? "call-" : "chat-") + i;
        String customer = "C" + random.nextInt(80);
        String queue = QUEUES[random.nextInt(QUEUES.length)];
        String reason = REASONS[random.nextInt(REASONS.length)];
        double w = random.nextDouble();
        // Waits on both sides of the 20 s service level, some exactly on it.
        long wait = w < 0.05 ? 20_000 : w < 0.1 ? 20_001 : w < 0.5 ? random.nextInt(20_001) : random.nextInt(300_000);
        List<Object[]> steps = new ArrayList<>(); // type, time, agent
        steps.add(new Object[] {voice ? "QUEUED" : "STARTED", start, null});
        String agent = "agent-" + random.nextInt(8);
        long answered = start + wait;
        long end;
        boolean resolved = random.nextDouble() < 0.6;
        if (random.nextDouble() < 0.15) {
            end = answered;
            steps.add(new Object[] {"ABANDONED", end, null});
        } else {
            steps.add(new Object[] {"ANSWERED", answered, agent});
            long t = answered;
            int transfers = random.nextDouble() < 0.7 ? 0 : 1 + random.nextInt(3);
            for (int k = 0; k < transfers; k++) {
                t += 30_000 + random.nextInt(60_000);
                agent = "agent-" + random.nextInt(8);
                steps.add(new Object[] {"TRANSFERRED", t, agent});
            }
            end = t + 60_000 + random.nextInt(900_000);
            steps.add(new Object[] {"ENDED", end, agent});
            if (random.nextDouble() < 0.4) {
                long at = end + 60_000 + random.nextInt(20 * 60_000);
                Integer csat = random.nextDouble() < 0.1 ? null : 1 + random.nextInt(5);
                Integer nps = csat == null || random.nextDouble() < 0.8 ? random.nextInt(11) : null;
                surveys.add(SurveyResponse.newBuilder().setEventId("sv-" + i).setInteractionId(id)
                        .setChannel(voice ? Channel.VOICE : Channel.CHAT).setEventTime(Instant.ofEpochMilli(at))
                        .setCustomerId(customer).setAgentId(agent).setTeamId(team(agent)).setCsat(csat).setNps(nps)
                        .build());
            }
        }
        int n = 0;
        for (Object[] step : steps) {
            String type = (String) step[0];
            Instant at = Instant.ofEpochMilli((Long) step[1]);
            String stepAgent = (String) step[2];
            Boolean resolvedFlag = type.equals("ENDED") ? resolved : null;
            String eventId = id + "-" + n++;
            if (voice) {
                calls.add(CallEvent.newBuilder().setEventId(eventId).setCallId(id).setType(CallEventType.valueOf(type))
                        .setEventTime(at).setCustomerId(customer).setQueue(queue).setAgentId(stepAgent)
                        .setTeamId(stepAgent == null ? null : team(stepAgent)).setReason(reason)
                        .setResolved(resolvedFlag).build());
            } else {
                chats.add(ChatEvent.newBuilder().setEventId(eventId).setChatId(id).setType(ChatEventType.valueOf(type))
                        .setEventTime(at).setCustomerId(customer).setQueue(queue).setAgentId(stepAgent)
                        .setTeamId(stepAgent == null ? null : team(stepAgent)).setReason(reason)
                        .setResolved(resolvedFlag).build());
                if (type.equals("ANSWERED")) {
                    chats.add(ChatEvent.newBuilder().setEventId(eventId + "-m").setChatId(id)
                            .setType(ChatEventType.MESSAGE).setEventTime(at.plusSeconds(5)).setCustomerId(customer)
                            .setQueue(queue).setSender(Sender.CUSTOMER).setText("hello, my parcel is late").build());
                }
            }
        }
    }

    private static String team(String agent) {
        return Integer.parseInt(agent.substring("agent-".length())) < 4 ? "team-blue" : "team-green";
    }
}
