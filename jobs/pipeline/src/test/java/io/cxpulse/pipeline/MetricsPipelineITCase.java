package io.cxpulse.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.deadletter.DeadLetterHeaders;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.common.testing.TestRecords;
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
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics live on real parts: surveys go through Kafka into the one CX Pulse graph
 * ({@link Pipelines}) on a MiniCluster,
 * snapshots come back from a compacted {@code cx.metrics.v1}, read_committed. The test drives
 * event time with its own traffic, stage by stage, waiting each time for the record that shows
 * the watermark has moved, so what is on time, late and too late does not depend on timing.
 */
class MetricsPipelineITCase {

    /** Two readers per input, and two partitions per input topic, so that every reader has one. */
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SingleObjectCodec<SurveyResponse> SURVEYS = SingleObjectCodec.forClass(SurveyResponse.class);
    private static final SingleObjectCodec<MetricSnapshot> SNAPSHOTS = SingleObjectCodec.forClass(MetricSnapshot.class);

    private TopicsConfig topics;
    @TempDir
    Path savepoints;

    @Test
    void finalRecordsAreKeyedForCompactionALateSurveyCorrectsItsMinuteAndATooLateOneIsCountedNotEmitted()
            throws Exception {
        JobClient job = startTheJob();
        try {
            String nineMinute = "ALL|all|" + NINE.toEpochMilli() + "|" + MINUTE;

            // On time: two answers in 09:00-09:01, then 09:02:30 moves the watermark past 09:01.
            survey("a", 5, NINE.plusSeconds(10));
            survey("b", 1, NINE.plusSeconds(40));
            survey("c", 4, NINE.plusSeconds(150));
            frontier(NINE.plusSeconds(150));
            String nineHour = "ALL|all|" + NINE.toEpochMilli() + "|" + HOUR;
            // The open hour moves: an early record comes (every second of processing time here).
            List<ConsumerRecord<byte[], byte[]>> records =
                    readUntil(r -> finals(r, nineMinute).size() == 1 && !early(r, nineHour).isEmpty());
            assertThat(decode(finals(records, nineMinute).get(0)).getCsatResponses()).isEqualTo(2);
            assertThat(decode(early(records, nineHour).get(0)).getCsatResponses()).isBetween(1L, 3L);

            // Late within the lateness: 09:00:50 arrives when the watermark is near 09:02.
            survey("d", 2, NINE.plusSeconds(50));
            records = readUntil(r -> finals(r, nineMinute).size() == 2);
            MetricSnapshot corrected = decode(finals(records, nineMinute).get(1));
            assertThat(corrected.getFinal$()).isTrue();
            assertThat(corrected.getCsatResponses()).as("the corrected final carries the whole minute").isEqualTo(3);
            assertThat(corrected.getCsatSatisfied()).isEqualTo(1);

            // Too late: the watermark passes 09:11 (09:10's minute closes), then 09:00:20 arrives.
            String tenPastMinute = "ALL|all|" + NINE.plusSeconds(600).toEpochMilli() + "|" + MINUTE;
            survey("e1", 5, NINE.plusSeconds(600));
            survey("e2", 5, NINE.plusSeconds(20 * 60));
            frontier(NINE.plusSeconds(20 * 60));
            readUntil(r -> finals(r, tenPastMinute).size() == 1);
            survey("f", 3, NINE.plusSeconds(20));
            // 10:30 closes the hour, which was still open for f, and every window that ended by 10:29.
            survey("g", 5, NINE.plusSeconds(90 * 60));
            frontier(NINE.plusSeconds(90 * 60));
            Instant closed = NINE.plusSeconds(89 * 60);
            records = readUntil(r -> finals(r, nineHour).size() == 1 && openKeys(r, closed).isEmpty());

            assertThat(finals(records, nineMinute)).as("nothing more for the closed minute").hasSize(2);
            MetricSnapshot hour = decode(finals(records, nineHour).get(0));
            assertThat(hour.getCsatResponses()).as("a, b, c, d, e1, e2 and f").isEqualTo(7);
            // f is too late for its minute: each dimension value's share is a dead letter, with
            // its reason, readable; one of them is the ALL share, so one late event in all.
            List<ConsumerRecord<byte[], byte[]>> late =
                    KAFKA.read(topics.deadletter(), WAIT, r -> r.size() >= 4, Duration.ofSeconds(1));
            assertThat(late).extracting(r -> new String(r.key(), UTF_8)).as("f's shares, in the minute windows only")
                    .containsExactlyInAnyOrder("ALL|all", "CHANNEL|VOICE", "TEAM|team-blue", "AGENT|agent-7");
            assertThat(late).allSatisfy(r -> {
                assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(DeadLetter.LATE);
                assertThat(header(r, DeadLetterHeaders.JOB)).isEqualTo("metrics");
                assertThat(header(r, DeadLetterHeaders.ERROR_MESSAGE))
                        .startsWith("late: " + new String(r.key(), UTF_8) + " at 2026-11-20T09:00:20Z")
                        .contains("beyond the allowed lateness (PT5M) of its PT1M window");
                assertThat(new String(r.value(), UTF_8)).contains("\"event_time\":\"2026-11-20T09:00:20Z\"",
                        "\"window_start\":\"2026-11-20T09:00:00Z\"", "\"csat_responses\":1");
            });
            assertThat(late).as("lateEvents: one input event")
                    .filteredOn(r -> new String(r.key(), UTF_8).equals("ALL|all")).hasSize(1);

            // Every record is keyed dimension|value|window start|window size, the last one of every
            // closed window's key is final (openKeys above), and early records are for hours only,
            // each before its hour's final.
            for (ConsumerRecord<byte[], byte[]> r : records) {
                MetricSnapshot s = decode(r);
                long start = s.getWindowStart().toEpochMilli();
                assertThat(new String(r.key(), UTF_8)).isEqualTo(s.getDimension() + "|" + s.getDimensionValue() + "|"
                        + start + "|" + (s.getWindowEnd().toEpochMilli() - start));
                if (!s.getFinal$()) {
                    assertThat(s.getWindowEnd().toEpochMilli() - start).isEqualTo(HOUR);
                }
            }
            int firstEarly = records.indexOf(early(records, nineHour).get(0));
            assertThat(firstEarly).isLessThan(records.indexOf(finals(records, nineHour).get(0)));
            Map<String, MetricSnapshot> compacted = new java.util.HashMap<>();
            records.forEach(r -> compacted.put(new String(r.key(), UTF_8), decode(r)));
            assertThat(compacted.get(nineMinute).getCsatResponses()).isEqualTo(3);
            assertThat(compacted.get(nineHour).getFinal$()).isTrue();
        } finally {
            // Stopped as an operator would stop it, with a savepoint: the sinks commit their last
            // transactions instead of leaving them open on the broker (cancelling did, and the
            // test JVM then sometimes exited non-zero while the broker shut down).
            job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
            while (!job.getJobStatus().get().isGloballyTerminalState()) {
                Thread.sleep(50);
            }
        }
    }

    private JobClient startTheJob() throws Exception {
        topics = TopicsConfig.CONTRACT.withPrefix(KAFKA.freshPrefix());
        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            List<NewTopic> inputs = new ArrayList<>();
            for (String t : List.of(topics.calls(), topics.chats(), topics.surveys(), topics.shipments(),
                    topics.complaints())) {
                inputs.add(new NewTopic(t, PARALLELISM, (short) 1));
            }
            inputs.add(new NewTopic(topics.deadletter(), 1, (short) 1));
            for (String t : List.of(topics.alerts(), topics.supplierShares(), topics.interactions())) {
                inputs.add(new NewTopic(t, 2, (short) 1));
            }
            inputs.add(new NewTopic(topics.metrics(), 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            admin.createTopics(inputs).all().get();
        }
        CxPulseConfig config = CxPulseConfig.defaults()
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(KAFKA.bootstrapServers()))
                .withTopics(topics)
                // Every partition of every input gets traffic up to each stage's frontier, so no input
                // has to be declared idle (with idle inputs, a source going idle and active again
                // between the stages stalled the watermark in about one run of three: see the module
                // README); the idleness is longer than the test.
                .withSources(new SourcesConfig(Duration.ofSeconds(30), Duration.ofMinutes(5),
                        SourcesConfig.StartingOffsets.EARLIEST, null, null, null, null))
                .withCheckpoints(new CheckpointsConfig(Duration.ofMillis(500), null, null));
        StreamExecutionEnvironment env = FlinkSettings.apply(StreamExecutionEnvironment.getExecutionEnvironment(), config);
        env.setParallelism(PARALLELISM);
        MetricsConfig d = MetricsConfig.DEFAULTS;
        MetricsConfig earlyEverySecond = new MetricsConfig(d.serviceLevel(), d.shortWindow(), d.longWindow(),
                Duration.ofSeconds(1), d.allowedLateness(), d.firstContactLookback(), d.interactionTimeout(),
                d.surveyWait(), d.surveyRetention(), d.shipmentRetention(), d.shipmentWait());
        Pipelines.attachToKafka(env, config, new Pipelines.JobConfigs(ExperienceConfig.DEFAULTS,
                ComplaintsConfig.DEFAULTS, earlyEverySecond));
        JobClient job = env.executeAsync("metrics-it");
        return job;
    }

    /**
     * Moves every partition of every input up to {@code at}, with events that count for nothing
     * here: a call and a chat that only start (never completed: no contact), a shipment (counted,
     * but no survey figure), a complaint escalation (not OPENED: no complaint) and a survey with
     * no answer, from no agent, by SMS.
     */
    private void frontier(Instant at) throws Exception {
        for (int partition = 0; partition < PARALLELISM; partition++) {
            frontier(at, keyFor("frontier-" + at.toEpochMilli(), partition));
        }
    }

    /** A key the producer's default partitioner sends to {@code partition}: {@code base}, suffixed. */
    private static String keyFor(String base, int partition) {
        for (int i = 0; ; i++) {
            String key = base + "-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % PARALLELISM == partition) {
                return key;
            }
        }
    }

    private void frontier(Instant at, String id) throws Exception {
        byte[] key = id.getBytes(UTF_8);
        CallEvent call = CallEvent.newBuilder().setEventId(id).setCallId(id).setType(CallEventType.QUEUED)
                .setEventTime(at).setCustomerId("F").setQueue("frontier").build();
        ChatEvent chat = ChatEvent.newBuilder().setEventId(id).setChatId(id).setType(ChatEventType.STARTED)
                .setEventTime(at).setCustomerId("F").build();
        ShipmentEvent shipped = ShipmentEvent.newBuilder().setEventId(id).setOrderId(id)
                .setType(ShipmentEventType.SHIPPED).setEventTime(at).setCustomerId("F").setSupplierId("WH-F").build();
        ComplaintEvent escalated = ComplaintEvent.newBuilder().setEventId(id).setComplaintId(id)
                .setType(ComplaintEventType.ESCALATED).setEventTime(at).setCustomerId("F")
                .setCategory(ComplaintCategory.SHIPPING).build();
        KAFKA.produce(topics.calls(), List.of(new SimpleEntry<>(key,
                SingleObjectCodec.forClass(CallEvent.class).encode(topics.calls(), call))));
        KAFKA.produce(topics.chats(), List.of(new SimpleEntry<>(key,
                SingleObjectCodec.forClass(ChatEvent.class).encode(topics.chats(), chat))));
        KAFKA.produce(topics.shipments(), List.of(new SimpleEntry<>(key,
                SingleObjectCodec.forClass(ShipmentEvent.class).encode(topics.shipments(), shipped))));
        KAFKA.produce(topics.complaints(), List.of(new SimpleEntry<>(key,
                SingleObjectCodec.forClass(ComplaintEvent.class).encode(topics.complaints(), escalated))));
        SurveyResponse unanswered = SurveyResponse.newBuilder().setEventId(id).setInteractionId(id)
                .setChannel(Channel.SMS).setEventTime(at).setCustomerId("F").build();
        KAFKA.produce(topics.surveys(), List.of(new SimpleEntry<>(key, SURVEYS.encode(topics.surveys(), unanswered))));
    }

    private void survey(String id, int csat, Instant at) throws Exception {
        SurveyResponse s = TestRecords.survey("call-" + id, "C-" + id, csat, null, at);
        KAFKA.produce(topics.surveys(), List.of(new SimpleEntry<>(
                s.getInteractionId().getBytes(UTF_8), SURVEYS.encode(topics.surveys(), s))));
    }

    private List<ConsumerRecord<byte[], byte[]>> readUntil(Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.read(topics.metrics(), WAIT, done, Duration.ZERO);
        assertThat(done.test(records)).as("the awaited metric records arrived within %s; read: %s", WAIT,
                records.stream().map(r -> new String(r.key(), UTF_8) + (decode(r).getFinal$() ? " final" : " early"))
                        .toList()).isTrue();
        return records;
    }

    private static List<ConsumerRecord<byte[], byte[]>> finals(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream()
                .filter(r -> new String(r.key(), UTF_8).equals(key) && decode(r).getFinal$())
                .toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> early(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream()
                .filter(r -> new String(r.key(), UTF_8).equals(key) && !decode(r).getFinal$())
                .toList();
    }

    /** The keys of windows that ended by {@code closed} whose latest record so far is not final. */
    private static List<String> openKeys(List<ConsumerRecord<byte[], byte[]>> records, Instant closed) {
        Map<String, MetricSnapshot> latest = new java.util.HashMap<>();
        records.forEach(r -> latest.put(new String(r.key(), UTF_8), decode(r))); // one key, one partition: in order
        return latest.entrySet().stream()
                .filter(e -> !e.getValue().getWindowEnd().isAfter(closed) && !e.getValue().getFinal$())
                .map(Map.Entry::getKey)
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), UTF_8);
    }

    private static MetricSnapshot decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return SNAPSHOTS.decode(r.topic(), r.value());
        } catch (InvalidRecordException e) {
            throw new AssertionError("the job wrote a record its own codec cannot read", e);
        }
    }
}
