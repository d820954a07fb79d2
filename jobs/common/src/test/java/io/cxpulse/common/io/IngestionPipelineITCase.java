package io.cxpulse.common.io;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static io.cxpulse.common.testing.TestRecords.THIRTY_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SerdeConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetterHeaders;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.common.testing.ApicurioRegistry;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation end to end, on real parts: a Flink MiniCluster at parallelism 2 reads every
 * input topic of a real KRaft broker through the common sources, and writes what it reads
 * through exactly-once sinks; a {@code read_committed} reader gets back exactly what was sent,
 * while garbage and invalid records land on the dead-letter topic with their context. Ingestion
 * does not deduplicate: a producer's retry passes through it, to be dropped by the customer core
 * (its {@code CustomerCoreTest} counts it as a duplicate).
 * Run once per wire format: Avro single-object encoding, and the Confluent format against a
 * real schema registry.
 */
class IngestionPipelineITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = new ApicurioRegistry();

    @Test
    void everyInputTypeComesBackOnceAndBadRecordsBecomeDeadLetters() throws Exception {
        runIngestion(SerdeConfig.defaults());
    }

    @Test
    void theConfluentWireFormatWithARealRegistryWorksTheSameWay() throws Exception {
        runIngestion(new SerdeConfig(null, REGISTRY.ccompatUrl(), null, null));
    }

    private void runIngestion(SerdeConfig serde) throws Exception {
        String prefix = KAFKA.freshPrefix();
        TopicsConfig topics = TopicsConfig.CONTRACT.withPrefix(prefix);
        CxPulseConfig config = CxPulseConfig.defaults()
                .withKafka(CxPulseConfig.defaults().kafka().withBootstrapServers(KAFKA.bootstrapServers()))
                .withTopics(topics)
                .withSerde(serde)
                .withCheckpoints(new CheckpointsConfig(Duration.ofMillis(500), null, null));
        List<String> allTopics = new ArrayList<>();
        for (InputTopic<?> input : InputTopic.ALL) {
            allTopics.add(topics.of(input));
            allTopics.add(echoTopic(prefix, input));
        }
        allTopics.add(topics.deadletter());
        KAFKA.createTopics(2, allTopics);

        // Produce: a handful of valid records of every type; one call sent twice (a producer
        // retry: same event_id, same bytes); one garbage value; one survey with csat 9.
        Map<InputTopic<?>, List<SpecificRecordBase>> sent = new HashMap<>();
        sent.put(InputTopic.CALLS, List.of(
                TestRecords.call("call-1", CallEventType.QUEUED, "C1042", NINE_AM),
                TestRecords.call("call-1", CallEventType.ANSWERED, "C1042", NINE_AM.plus(THIRTY_SECONDS)),
                TestRecords.call("call-2", CallEventType.QUEUED, "C2001", NINE_AM),
                TestRecords.call("call-2", CallEventType.ABANDONED, "C2001", NINE_AM.plusSeconds(200))));
        sent.put(InputTopic.CHATS, List.of(
                TestRecords.chatMessage("chat-1", "C3001", "where is my parcel?", NINE_AM),
                TestRecords.chatMessage("chat-1", "C3001", "已经第三次联系了，还没解决", NINE_AM.plusSeconds(40))));
        sent.put(InputTopic.SURVEYS, List.of(
                TestRecords.survey("call-1", "C1042", 1, 2, NINE_AM.plusSeconds(600)),
                TestRecords.survey("chat-1", "C3001", 5, 10, NINE_AM.plusSeconds(700))));
        sent.put(InputTopic.SHIPMENTS, List.of(
                TestRecords.shipped("order-1", "C1042", "WH-3", NINE_AM),
                TestRecords.shipped("order-2", "C2001", "WH-1", NINE_AM.plusSeconds(5)),
                // Event time 50 minutes ahead of the clock (a producer's clock skew): within
                // sources.max-future-skew (1 h), so valid.
                TestRecords.shipped("order-3", "C3001", "WH-2",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(50)))));
        sent.put(InputTopic.COMPLAINTS, List.of(
                TestRecords.complaintOpened("cmp-1", "C1042", ComplaintCategory.SHIPPING, "order-1", NINE_AM.plusSeconds(900))));

        for (InputTopic<?> input : InputTopic.ALL) {
            List<Map.Entry<byte[], byte[]>> records = encodeAll(input, topics.of(input), sent.get(input), serde);
            if (input == InputTopic.CALLS) {
                records.add(records.get(0)); // the retry
                records.add(new SimpleEntry<>("call-x".getBytes(UTF_8), "definitely not avro".getBytes(UTF_8)));
            }
            if (input == InputTopic.SURVEYS) {
                SurveyResponse outOfScale = TestRecords.survey("call-2", "C2001", 9, null, NINE_AM.plusSeconds(800));
                records.addAll(encodeAll(input, topics.of(input), List.of(outOfScale), serde));
            }
            KAFKA.produce(topics.of(input), records);
        }

        // Run: sources → exactly-once sinks, bounded so the job ends by itself.
        StreamExecutionEnvironment env = FlinkSettings.apply(StreamExecutionEnvironment.getExecutionEnvironment(), config);
        env.setParallelism(2);
        KafkaInputs inputs = KafkaInputs.bounded(env, config, "ingestion-it");
        for (InputTopic<?> input : InputTopic.ALL) {
            echo(inputs, input, prefix, config);
        }
        inputs.deadLetters().orElseThrow()
                .sinkTo(KafkaOutputs.deadLetterSink(config, "ingestion-it"))
                .name("Write dead letters").uid("dead-letter-sink");
        JobExecutionResult result = env.execute("ingestion-it");

        // Verify: every valid record, in read_committed, equal to what was sent; the retried call
        // twice, since ingestion passes retries on to the customer core.
        for (InputTopic<?> input : InputTopic.ALL) {
            List<SpecificRecordBase> expected = new ArrayList<>(sent.get(input));
            if (input == InputTopic.CALLS) {
                expected.add(sent.get(input).get(0));
            }
            List<ConsumerRecord<byte[], byte[]>> echoed =
                    KAFKA.readCommitted(echoTopic(prefix, input), expected.size(), READ_DEADLINE);
            assertThat(new ArrayList<Object>(decodeAll(input, echoed, serde)))
                    .as("records of %s read back read_committed", input)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        List<ConsumerRecord<byte[], byte[]>> deadLetters = KAFKA.readCommitted(topics.deadletter(), 2, READ_DEADLINE);
        assertThat(deadLetters).hasSize(2);
        Map<String, Map<String, String>> byReason = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : deadLetters) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : d.headers()) {
                headers.put(h.key(), new String(h.value(), UTF_8));
            }
            byReason.put(headers.get(DeadLetterHeaders.REASON), headers);
        }
        assertThat(byReason).containsOnlyKeys("WRONG_WIRE_FORMAT", "OUT_OF_RANGE");
        Map<String, String> garbage = byReason.get("WRONG_WIRE_FORMAT");
        assertThat(garbage)
                .containsEntry(DeadLetterHeaders.TOPIC, topics.calls())
                .containsEntry(DeadLetterHeaders.JOB, "ingestion-it")
                .containsKeys(DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET,
                        DeadLetterHeaders.ERROR_CLASS, DeadLetterHeaders.ERROR_MESSAGE);
        Map<String, String> csat9 = byReason.get("OUT_OF_RANGE");
        assertThat(csat9)
                .containsEntry(DeadLetterHeaders.TOPIC, topics.surveys())
                .containsEntry(DeadLetterHeaders.ERROR_MESSAGE, "csat: 9 outside 1..5");
        ConsumerRecord<byte[], byte[]> garbageRecord = deadLetters.stream()
                .filter(d -> new String(d.value(), UTF_8).equals("definitely not avro"))
                .findFirst().orElseThrow();
        assertThat(new String(garbageRecord.key(), UTF_8)).isEqualTo("call-x");

        // Counts in = counts out (the retry included) + dead letters.
        assertThat((Long) result.getAccumulatorResult("calls.in")).isEqualTo(6L);
        assertThat((Long) result.getAccumulatorResult("calls.deadLetters")).isEqualTo(1L);
        assertThat((Object) result.getAccumulatorResult("calls.duplicates")).as("no dedup before the core").isNull();
        assertThat((Long) result.getAccumulatorResult("surveys.in")).isEqualTo(3L);
        assertThat((Long) result.getAccumulatorResult("surveys.deadLetters")).isEqualTo(1L);
    }

    private static String echoTopic(String prefix, InputTopic<?> input) {
        return prefix + "echo." + input.name();
    }

    private static <T extends SpecificRecordBase> void echo(
            KafkaInputs inputs, InputTopic<T> input, String prefix, CxPulseConfig config) {
        inputs.validated(input)
                .sinkTo(KafkaOutputs.recordSink(echoTopic(prefix, input), input.recordClass(), input.key(),
                        config, "ingestion-it", "echo-" + input.name()))
                .name("Echo " + input.name()).uid("echo-" + input.name());
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> List<Map.Entry<byte[], byte[]>> encodeAll(
            InputTopic<T> input, String topic, List<? extends SpecificRecordBase> records, SerdeConfig serde) {
        RecordCodec<T> codec = Codecs.forRecord(input.recordClass(), serde);
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (SpecificRecordBase r : records) {
            T record = (T) r;
            out.add(new SimpleEntry<>(input.key().apply(record).getBytes(UTF_8), codec.encode(topic, record)));
        }
        return out;
    }

    private static <T extends SpecificRecordBase> List<T> decodeAll(
            InputTopic<T> input, List<ConsumerRecord<byte[], byte[]>> records, SerdeConfig serde) throws Exception {
        RecordCodec<T> codec = Codecs.forRecord(input.recordClass(), serde);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            T record = codec.decode(r.topic(), r.value());
            out.add(record);
            assertThat(new String(r.key(), UTF_8)).isEqualTo(input.key().apply(record));
        }
        return out;
    }
}
