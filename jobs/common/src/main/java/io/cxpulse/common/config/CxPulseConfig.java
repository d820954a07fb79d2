package io.cxpulse.common.config;

import java.io.Serializable;

/**
 * The whole configuration, one YAML file ({@link ConfigLoader}); every section and field is
 * optional and has a documented default (see each record and the root README). Validated when
 * constructed, passed down to pipelines as typed records: nothing below {@code main} reads a
 * string key.
 */
public record CxPulseConfig(
        KafkaConfig kafka,
        SerdeConfig serde,
        TopicsConfig topics,
        SourcesConfig sources,
        DedupConfig dedup,
        CheckpointsConfig checkpoints,
        Integer parallelism) implements Serializable {

    public CxPulseConfig {
        kafka = kafka == null ? KafkaConfig.defaults() : kafka;
        serde = serde == null ? SerdeConfig.defaults() : serde;
        topics = topics == null ? TopicsConfig.CONTRACT : topics;
        sources = sources == null ? SourcesConfig.defaults() : sources;
        dedup = dedup == null ? DedupConfig.defaults() : dedup;
        checkpoints = checkpoints == null ? CheckpointsConfig.defaults() : checkpoints;
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (checkpoints.interval().compareTo(kafka.transactionTimeout()) >= 0) {
            throw new IllegalArgumentException("checkpoints.interval (" + checkpoints.interval()
                    + ") must be shorter than kafka.transaction-timeout (" + kafka.transactionTimeout()
                    + "): exactly-once sinks commit on checkpoints");
        }
    }

    public static CxPulseConfig defaults() {
        return new CxPulseConfig(null, null, null, null, null, null, null);
    }

    public CxPulseConfig withKafka(KafkaConfig newKafka) {
        return new CxPulseConfig(newKafka, serde, topics, sources, dedup, checkpoints, parallelism);
    }

    public CxPulseConfig withTopics(TopicsConfig newTopics) {
        return new CxPulseConfig(kafka, serde, newTopics, sources, dedup, checkpoints, parallelism);
    }

    public CxPulseConfig withSerde(SerdeConfig newSerde) {
        return new CxPulseConfig(kafka, newSerde, topics, sources, dedup, checkpoints, parallelism);
    }

    public CxPulseConfig withSources(SourcesConfig newSources) {
        return new CxPulseConfig(kafka, serde, topics, newSources, dedup, checkpoints, parallelism);
    }

    public CxPulseConfig withCheckpoints(CheckpointsConfig newCheckpoints) {
        return new CxPulseConfig(kafka, serde, topics, sources, dedup, newCheckpoints, parallelism);
    }
}
