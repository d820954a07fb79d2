package io.cxpulse.common.io;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.KafkaConfig;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.time.Watermarks;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Inputs read from the contract's Kafka topics with {@link KafkaSource}: {@code read_committed}
 * (a transactional producer's aborted records are never seen), offsets committed on
 * checkpoints under the consumer group {@code <group-id-prefix>-<job>}, per-partition
 * watermarks from {@code event_time}.
 *
 * <p>Bounded mode stops at the offsets that were the latest when the job started: tests and
 * the benchmark use it so a job ends by itself.
 */
public final class KafkaInputs extends PipelineInputs {

    private final String job;
    private final boolean bounded;

    public KafkaInputs(StreamExecutionEnvironment env, CxPulseConfig config, String job, boolean bounded) {
        super(env, config);
        this.job = job;
        this.bounded = bounded;
    }

    public static KafkaInputs unbounded(StreamExecutionEnvironment env, CxPulseConfig config, String job) {
        return new KafkaInputs(env, config, job, false);
    }

    public static KafkaInputs bounded(StreamExecutionEnvironment env, CxPulseConfig config, String job) {
        return new KafkaInputs(env, config, job, true);
    }

    @Override
    protected <T extends SpecificRecordBase> DataStream<Ingested<T>> ingest(InputTopic<T> input) {
        String topic = config.topics().of(input);
        KafkaConfig kafka = config.kafka();
        KafkaSourceBuilder<Ingested<T>> builder = KafkaSource.<Ingested<T>>builder()
                .setProperties(kafka.clientProperties())
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId(kafka.groupIdPrefix() + "-" + job)
                .setClientIdPrefix(kafka.groupIdPrefix() + "-" + job + "-" + input.name())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setStartingOffsets(startingOffsets())
                .setDeserializer(new IngestingDeserializer<>(
                        input,
                        Codecs.forRecord(input.recordClass(), config.serde()),
                        config.sources().ingestLimits(),
                        job));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), Watermarks.forInput(input, config.sources()), "Read " + topic)
                .uid(input.name() + "-source");
    }

    @SuppressWarnings("deprecation") // the connector's API still takes Kafka's OffsetResetStrategy
    private OffsetsInitializer startingOffsets() {
        return switch (config.sources().startingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
