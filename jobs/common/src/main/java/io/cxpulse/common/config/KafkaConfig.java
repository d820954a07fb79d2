package io.cxpulse.common.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach the Kafka cluster.
 *
 * @param bootstrapServers {@code host:port,...}; default {@code localhost:9092}
 * @param properties any Kafka client property, passed to every consumer, producer and admin
 *     client unchanged: this is where SASL and TLS go ({@code security.protocol},
 *     {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, ...).
 *     Secrets should come from the environment ({@code ${VAR}} in the YAML, or a
 *     {@code CXPULSE_KAFKA_*} variable); they are masked wherever configuration is printed.
 * @param groupIdPrefix consumer group of a job: {@code <prefix>-<job>}; default {@code cxpulse}
 * @param transactionalIdPrefix exactly-once sinks use {@code <prefix>-<job>-<sink>}; it must
 *     be unique per job in the cluster; default {@code cxpulse}
 * @param transactionTimeout producer {@code transaction.timeout.ms}: must not exceed the
 *     broker's {@code transaction.max.timeout.ms} (15 min by default) and must exceed the
 *     checkpoint interval plus the time a restart takes, or Flink cannot commit transactions
 *     opened before a failure. Default 10 min.
 */
public record KafkaConfig(
        String bootstrapServers,
        Map<String, String> properties,
        String groupIdPrefix,
        String transactionalIdPrefix,
        Duration transactionTimeout) implements Serializable {

    /** Broker default for {@code transaction.max.timeout.ms}. */
    public static final Duration BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    public KafkaConfig {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "localhost:9092" : bootstrapServers;
        properties = properties == null ? Map.of() : Map.copyOf(new TreeMap<>(properties));
        groupIdPrefix = groupIdPrefix == null || groupIdPrefix.isBlank() ? "cxpulse" : groupIdPrefix;
        transactionalIdPrefix = transactionalIdPrefix == null || transactionalIdPrefix.isBlank()
                ? "cxpulse" : transactionalIdPrefix;
        transactionTimeout = transactionTimeout == null ? Duration.ofMinutes(10) : transactionTimeout;
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException("kafka.transaction-timeout must be positive");
        }
        for (String reserved : new String[] {"bootstrap.servers", "key.serializer", "value.serializer",
                "key.deserializer", "value.deserializer", "transactional.id", "enable.auto.commit"}) {
            if (properties.containsKey(reserved)) {
                throw new IllegalArgumentException("kafka.properties must not set " + reserved
                        + ": it is set by CX Pulse (bootstrap servers go in kafka.bootstrap-servers)");
            }
        }
    }

    public static KafkaConfig defaults() {
        return new KafkaConfig(null, null, null, null, null);
    }

    public KafkaConfig withBootstrapServers(String servers) {
        return new KafkaConfig(servers, properties, groupIdPrefix, transactionalIdPrefix, transactionTimeout);
    }

    /** The client properties every Kafka client of CX Pulse starts from. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Secrets masked: safe to log. */
    @Override
    public String toString() {
        return "KafkaConfig{bootstrapServers=" + bootstrapServers + ", properties=" + Secrets.masked(properties)
                + ", groupIdPrefix=" + groupIdPrefix + ", transactionalIdPrefix=" + transactionalIdPrefix
                + ", transactionTimeout=" + transactionTimeout + "}";
    }
}
