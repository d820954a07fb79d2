package io.cxpulse.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics job live on real parts: surveys go through Kafka into the job on a MiniCluster,
 * snapshots come back from a compacted {@code cx.metrics.v1}, read_committed. The test drives
 * event time with its own traffic, stage by stage, waiting each time for the record that shows
 * the watermark has moved, so what is on time, late and too late does not depend on timing.
 */
class MetricsPipelineITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SingleObjectCodec<SurveyResponse> SURVEYS = SingleObjectCodec.forClass(SurveyResponse.class);
    private static final SingleObjectCodec<MetricSnapshot> SNAPSHOTS = SingleObjectCodec.forClass(MetricSnapshot.class);

    private final List<Contribution> late = new CopyOnWriteArrayList<>();
    private TopicsConfig topics;
    private Thread drain;

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
            List<ConsumerRecord<byte[], byte[]>> records = readUntil(r -> finals(r, nineMinute).size() == 1);
            assertThat(decode(finals(records, nineMinute).get(0)).getCsatResponses()).isEqualTo(2);

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
            readUntil(r -> finals(r, tenPastMinute).size() == 1);
            survey("f", 3, NINE.plusSeconds(20));
            // 10:30 closes the hour, which was still open for f.
            String nineHour = "ALL|all|" + NINE.toEpochMilli() + "|" + HOUR;
            survey("g", 5, NINE.plusSeconds(90 * 60));
            records = readUntil(r -> finals(r, nineHour).size() == 1);

            assertThat(finals(records, nineMinute)).as("nothing more for the closed minute").hasSize(2);
            MetricSnapshot hour = decode(finals(records, nineHour).get(0));
            assertThat(hour.getCsatResponses()).as("a, b, c, d, e1, e2 and f").isEqualTo(7);
            awaitLate(4);
            assertThat(late).extracting(Contribution::key).containsExactlyInAnyOrder(
                    "ALL|all", "CHANNEL|VOICE", "TEAM|team-blue", "AGENT|agent-7");
            assertThat(late).allSatisfy(c -> assertThat(c.timeMs).isEqualTo(NINE.plusSeconds(20).toEpochMilli()));

            // Every record is keyed dimension|value|window start|window size, the last one per key
            // is final, and early records (if any came) are for the open hour only.
            for (ConsumerRecord<byte[], byte[]> r : records) {
                MetricSnapshot s = decode(r);
                long start = s.getWindowStart().toEpochMilli();
                assertThat(new String(r.key(), UTF_8)).isEqualTo(s.getDimension() + "|" + s.getDimensionValue() + "|"
                        + start + "|" + (s.getWindowEnd().toEpochMilli() - start));
                if (!s.getFinal$()) {
                    assertThat(s.getWindowEnd().toEpochMilli() - start).isEqualTo(HOUR);
                }
            }
            Map<String, MetricSnapshot> compacted = new java.util.HashMap<>();
            records.forEach(r -> compacted.put(new String(r.key(), UTF_8), decode(r)));
            assertThat(compacted.get(nineMinute).getCsatResponses()).isEqualTo(3);
            assertThat(compacted.get(nineHour).getFinal$()).isTrue();
        } finally {
            job.cancel().get();
            drain.join(WAIT.toMillis()); // before the MiniCluster goes away under its feet
        }
    }

    private JobClient startTheJob() throws Exception {
        topics = TopicsConfig.CONTRACT.withPrefix(KAFKA.freshPrefix());
        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            List<NewTopic> inputs = new ArrayList<>();
            for (String t : List.of(topics.calls(), topics.chats(), topics.surveys(), topics.shipments(),
                    topics.complaints(), topics.deadletter())) {
                inputs.add(new NewTopic(t, 1, (short) 1));
            }
            inputs.add(new NewTopic(topics.metrics(), 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            admin.createTopics(inputs).all().get();
        }
        CxPulseConfig config = CxPulseConfig.defaults()
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(KAFKA.bootstrapServers()))
                .withTopics(topics)
                .withSources(new SourcesConfig(Duration.ofSeconds(30), Duration.ofSeconds(2),
                        SourcesConfig.StartingOffsets.EARLIEST, null, null))
                .withCheckpoints(new CheckpointsConfig(Duration.ofMillis(500), null, null));
        StreamExecutionEnvironment env = FlinkSettings.apply(StreamExecutionEnvironment.getExecutionEnvironment(), config);
        env.setParallelism(2);
        MetricsPipeline.Outputs outputs = MetricsJob.attach(env, config, MetricsConfig.DEFAULTS, false);
        CloseableIterator<Contribution> lateContributions = outputs.late().collectAsync();
        JobClient job = env.executeAsync("metrics-it");
        drain = new Thread(() -> {
            try (lateContributions) {
                lateContributions.forEachRemaining(late::add);
            } catch (Exception stopped) {
                // the job was cancelled
            }
        }, "late-contributions");
        drain.setDaemon(true);
        drain.start();
        return job;
    }

    private void survey(String id, int csat, Instant at) throws Exception {
        SurveyResponse s = TestRecords.survey("call-" + id, "C-" + id, csat, null, at);
        KAFKA.produce(topics.surveys(), List.of(new SimpleEntry<>(
                s.getInteractionId().getBytes(UTF_8), SURVEYS.encode(topics.surveys(), s))));
    }

    private List<ConsumerRecord<byte[], byte[]>> readUntil(Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.read(topics.metrics(), WAIT, done, Duration.ZERO);
        assertThat(done.test(records)).as("the awaited metric records arrived within %s", WAIT).isTrue();
        return records;
    }

    private static List<ConsumerRecord<byte[], byte[]>> finals(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream()
                .filter(r -> new String(r.key(), UTF_8).equals(key) && decode(r).getFinal$())
                .toList();
    }

    private void awaitLate(int expected) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (late.size() < expected && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    private static MetricSnapshot decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return SNAPSHOTS.decode(r.topic(), r.value());
        } catch (InvalidRecordException e) {
            throw new AssertionError("the job wrote a record its own codec cannot read", e);
        }
    }
}
