package io.cxpulse.common.io;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetterHeaders;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records a hostile or careless producer writes to the input topics, read by the common sources
 * on a real broker and Flink: each becomes a dead letter with its reason on the dead-letter
 * topic, the good records around it go through, the job ends by itself (it runs with no
 * restarts, so a sink that cannot write fails it instead of looping), and records read =
 * accepted + dead letters.
 */
class HostileRecordsITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final int SIXTEEN_MB = 16 << 20;

    /**
     * A call record of 1,048,458 bytes (under the 1 MiB record limit, with a field over its
     * limit) and a 10 MB record on a topic that allows 16 MB: their whole bytes plus headers
     * exceed what a producer may send by default. The dead letters keep their first bytes with
     * the size and SHA-256 of the whole.
     */
    @Test
    void aRecordOverTheProducersRequestLimitIsADeadLetterThatFitsAndTheRecordsBehindItGoThrough() throws Exception {
        String prefix = KAFKA.freshPrefix();
        TopicsConfig topics = TopicsConfig.CONTRACT.withPrefix(prefix);
        String echo = prefix + "echo.calls";
        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            admin.createTopics(List.of(
                    new NewTopic(topics.calls(), 1, (short) 1)
                            .configs(Map.of("max.message.bytes", Integer.toString(SIXTEEN_MB))),
                    new NewTopic(topics.deadletter(), 1, (short) 1), // the broker's default size limit
                    new NewTopic(echo, 1, (short) 1))).all().get();
            TopicLeaders.await(admin, List.of(topics.calls(), topics.deadletter(), echo));
        }
        SingleObjectCodec<CallEvent> codec = SingleObjectCodec.forClass(CallEvent.class);
        CallEvent good1 = TestRecords.call("call-1", CallEventType.QUEUED, "C1", NINE_AM);
        CallEvent good2 = TestRecords.call("call-2", CallEventType.QUEUED, "C2", NINE_AM.plusSeconds(1));
        CallEvent withHugeReason = TestRecords.call("call-big", CallEventType.QUEUED, "C3", NINE_AM);
        withHugeReason.setReason("r".repeat(1_048_458 - codec.encode("t", withHugeReason).length - 3));
        byte[] almostOneMiB = codec.encode(topics.calls(), withHugeReason);
        assertThat(almostOneMiB).hasSize(1_048_458);
        byte[] tenMb = new byte[10_000_000];
        new Random(1).nextBytes(tenMb);
        produce(topics.calls(), List.of(codec.encode(topics.calls(), good1), almostOneMiB, tenMb,
                codec.encode(topics.calls(), good2)));

        JobExecutionResult result = echoCalls(topics, echo);

        assertThat(KAFKA.readCommitted(echo, 2, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.key(), UTF_8)).containsExactly("call-1", "call-2");
        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(topics.deadletter(), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        Map<String, Map<String, String>> bySize = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : d.headers()) {
                headers.put(h.key(), new String(h.value(), UTF_8));
            }
            assertThat(d.value()).hasSize(256 * 1024);
            bySize.put(headers.get(DeadLetterHeaders.ORIGINAL_SIZE), headers);
        }
        assertThat(bySize).containsOnlyKeys("1048458", "10000000");
        assertThat(bySize.get("1048458"))
                .containsEntry(DeadLetterHeaders.REASON, "OVERSIZED")
                .containsEntry(DeadLetterHeaders.ERROR_MESSAGE,
                        "reason: " + withHugeReason.getReason().length() + " characters, limit 16384")
                .containsEntry(DeadLetterHeaders.ORIGINAL_SHA256, DigestUtils.sha256Hex(almostOneMiB))
                .containsEntry(DeadLetterHeaders.TRUNCATED, "true");
        assertThat(bySize.get("10000000"))
                .containsEntry(DeadLetterHeaders.ERROR_MESSAGE, "record of 10000000 bytes, limit 1048576")
                .containsEntry(DeadLetterHeaders.ORIGINAL_SHA256, DigestUtils.sha256Hex(tenMb));
        assertAccounted(result, 4, 2);
    }

    /**
     * A call stamped 2099 (valid by the schema's years), ids that are not UTF-8 and an id with an
     * ESC sequence: dead letters, each with its reason, and the calls after them are still on time.
     */
    @Test
    void aFutureTimestampAnUndecodableIdAndAControlCharacterInAnIdAreDeadLetters() throws Exception {
        String prefix = KAFKA.freshPrefix();
        TopicsConfig topics = TopicsConfig.CONTRACT.withPrefix(prefix);
        String echo = prefix + "echo.calls";
        KAFKA.createTopics(1, List.of(topics.calls(), topics.deadletter(), echo));
        SingleObjectCodec<CallEvent> codec = SingleObjectCodec.forClass(CallEvent.class);
        CallEvent future = TestRecords.call("call-0", CallEventType.QUEUED, "C0", Instant.parse("2099-06-01T00:00:00Z"));
        CallEvent escape = TestRecords.call("call-9", CallEventType.QUEUED, "C9\u001b[2J", NINE_AM);
        byte[] notUtf8 = codec.encode(topics.calls(), TestRecords.call("call-8", CallEventType.QUEUED, "C#", NINE_AM));
        for (int i = 0; i + 1 < notUtf8.length; i++) {
            if (notUtf8[i] == 'C' && notUtf8[i + 1] == '#') {
                notUtf8[i + 1] = (byte) 0xFF;
            }
        }
        List<byte[]> values = new ArrayList<>(List.of(codec.encode(topics.calls(), future), notUtf8,
                codec.encode(topics.calls(), escape)));
        for (int i = 1; i <= 5; i++) {
            values.add(codec.encode(topics.calls(), TestRecords.call("call-" + i, CallEventType.QUEUED, "C" + i,
                    NINE_AM.plusSeconds(i))));
        }
        produce(topics.calls(), values);

        JobExecutionResult result = echoCalls(topics, echo);

        assertThat(KAFKA.readCommitted(echo, 5, Duration.ofSeconds(30))).hasSize(5);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : KAFKA.readCommitted(topics.deadletter(), 3, Duration.ofSeconds(30))) {
            reasons.put(new String(d.headers().lastHeader(DeadLetterHeaders.REASON).value(), UTF_8),
                    new String(d.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE).value(), UTF_8));
        }
        assertThat(reasons).containsOnlyKeys("BAD_TIMESTAMP", "UNDECODABLE", "OUT_OF_RANGE");
        assertThat(reasons.get("BAD_TIMESTAMP")).contains("in the future");
        assertThat(reasons.get("UNDECODABLE")).contains("not UTF-8");
        assertThat(reasons.get("OUT_OF_RANGE")).startsWith("customer_id: control or format character U+001B");
        assertAccounted(result, 8, 3);
    }

    /** Calls read from their topic and echoed to another, dead letters to theirs, bounded, no restarts. */
    private static JobExecutionResult echoCalls(TopicsConfig topics, String echo) throws Exception {
        CxPulseConfig config = CxPulseConfig.defaults()
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(KAFKA.bootstrapServers()))
                .withTopics(topics)
                .withCheckpoints(new CheckpointsConfig(Duration.ofMillis(500), null, null));
        Configuration noRestarts = FlinkSettings.toConfiguration(config);
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        env.setParallelism(1);
        KafkaInputs inputs = KafkaInputs.bounded(env, config, "hostile-it");
        inputs.validated(InputTopic.CALLS)
                .sinkTo(KafkaOutputs.recordSink(echo, CallEvent.class, InputTopic.CALLS.key(), config, "hostile-it",
                        "echo"))
                .name("Echo calls").uid("echo-calls");
        inputs.deadLetters().orElseThrow()
                .sinkTo(KafkaOutputs.deadLetterSink(config, "hostile-it"))
                .name("Write dead letters").uid("dead-letter-sink");
        return env.execute("hostile-it");
    }

    /** Records read = accepted (echoed) + dead letters, as the job counted them; ingestion drops nothing else. */
    private static void assertAccounted(JobExecutionResult result, long read, long deadLetters) {
        assertThat((Long) result.getAccumulatorResult("calls.in")).isEqualTo(read);
        assertThat((Long) result.getAccumulatorResult("calls.deadLetters")).isEqualTo(deadLetters);
        assertThat((Object) result.getAccumulatorResult("calls.duplicates")).as("no dedup before the core").isNull();
    }

    private static void produce(String topic, List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(SIXTEEN_MB));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            int n = 0;
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, ("k" + n++).getBytes(UTF_8), value)).get();
            }
        }
    }
}
