package io.cxpulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileGivesTheDocumentedDefaults() throws IOException {
        CxPulseConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.topics()).isEqualTo(TopicsConfig.CONTRACT);
        assertThat(config.topics().calls()).isEqualTo("cx.calls.v1");
        assertThat(config.serde().format()).isEqualTo(SerdeConfig.Format.SINGLE_OBJECT);
        assertThat(config.sources().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sources().idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.dedup().horizon()).isEqualTo(Duration.ofHours(1));
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsKebabCaseYamlWithShortDurations() throws IOException {
        CxPulseConfig config = load("""
                kafka:
                  bootstrap-servers: broker-1:9093,broker-2:9093
                  properties:
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                  transaction-timeout: 12m
                topics:
                  alerts: ops.cx.alerts
                sources:
                  max-out-of-orderness: 45s
                  starting-offsets: latest
                dedup:
                  horizon: 6h
                checkpoints:
                  interval: PT30S
                  state-backend: rocksdb
                  unaligned: false
                """, Map.of());

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(config.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(12));
        assertThat(config.topics().alerts()).isEqualTo("ops.cx.alerts");
        assertThat(config.topics().calls()).as("unset topics keep the contract's names").isEqualTo("cx.calls.v1");
        assertThat(config.sources().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.sources().startingOffsets()).isEqualTo(SourcesConfig.StartingOffsets.LATEST);
        assertThat(config.dedup().horizon()).isEqualTo(Duration.ofHours(6));
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.checkpoints().stateBackend()).isEqualTo("rocksdb");
        assertThat(config.checkpoints().unaligned()).isFalse();
        assertThat(CxPulseConfig.defaults().checkpoints().unaligned()).as("unaligned unless configured").isTrue();
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverShowInToString() throws IOException {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cx\" password=\"s3cr3t\";";
        CxPulseConfig config = load("""
                kafka:
                  properties:
                    sasl.jaas.config: ${KAFKA_JAAS}
                    ssl.truststore.location: ${TRUSTSTORE:-/etc/cxpulse/truststore.jks}
                """, Map.of("KAFKA_JAAS", jaas, "CXPULSE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));

        assertThat(config.kafka().properties())
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("ssl.truststore.location", "/etc/cxpulse/truststore.jks")
                .containsEntry("ssl.truststore.password", "changeit");
        assertThat(config.kafka().clientProperties().getProperty("sasl.jaas.config")).isEqualTo(jaas);
        assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("changeit").contains(Secrets.MASK);
    }

    @Test
    void environmentOverridesBootstrapServersAndRegistry() throws IOException {
        CxPulseConfig config = ConfigLoader.load(null, Map.of(
                "CXPULSE_KAFKA_BOOTSTRAP_SERVERS", "kafka:29092",
                "CXPULSE_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "CXPULSE_SCHEMA_REGISTRY_USER_INFO", "cx:hunter2"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:29092");
        assertThat(config.serde().format()).isEqualTo(SerdeConfig.Format.CONFLUENT);
        assertThat(config.serde().schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMissingEnvironmentVariableIsAnErrorNotAnEmptySecret() {
        assertThatThrownBy(() -> load("kafka:\n  properties:\n    sasl.jaas.config: ${NOT_SET}\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOT_SET");
    }

    @Test
    void anUnknownKeyIsAnErrorSoTyposDoNotFallBackToDefaults() {
        assertThatThrownBy(() -> load("sources:\n  max-out-of-order: 10s\n", Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("max-out-of-order");
    }

    @Test
    void checkpointIntervalMustBeShorterThanTheTransactionTimeout() {
        assertThatThrownBy(() -> load("kafka:\n  transaction-timeout: 1m\ncheckpoints:\n  interval: 2m\n", Map.of()))
                .hasMessageContaining("transaction-timeout");
    }

    @Test
    void clientsCannotOverrideWhatCxPulseSets() {
        assertThatThrownBy(() -> load("kafka:\n  properties:\n    bootstrap.servers: x:1\n", Map.of()))
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void theSampleConfigurationInExamplesParses() throws IOException {
        CxPulseConfig config = ConfigLoader.load(Path.of("../../examples/config/cxpulse.yaml"),
                Map.of("KAFKA_JAAS", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));

        assertThat(config.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.serde().format()).isEqualTo(SerdeConfig.Format.SINGLE_OBJECT);
        assertThat(config.sources().maxRecordBytes()).isEqualTo(1_048_576);
    }

    /** A job's own section, as a job module reads it. */
    record SampleJobConfig(int minCount, Duration window, double alpha) {}

    @Test
    void aJobSectionOverridesItsDefaultsAndTheCommonConfigIgnoresIt() throws IOException {
        Path file = dir.resolve("cxpulse.yaml");
        Files.writeString(file, "kafka:\n  bootstrap-servers: k:9092\ncomplaints:\n  window: 6h\n  alpha: ${ALPHA}\n");
        SampleJobConfig defaults = new SampleJobConfig(5, Duration.ofHours(24), 0.01);

        SampleJobConfig read = ConfigLoader.section(file, "complaints", SampleJobConfig.class, defaults, Map.of("ALPHA", "0.05"));

        assertThat(read).isEqualTo(new SampleJobConfig(5, Duration.ofHours(6), 0.05));
        assertThat(ConfigLoader.section(file, "metrics", SampleJobConfig.class, defaults, Map.of())).isEqualTo(defaults);
        assertThat(ConfigLoader.load(file, Map.of("ALPHA", "0.05")).kafka().bootstrapServers()).isEqualTo("k:9092");
    }

    @Test
    void anUnknownKeyInAJobSectionIsAnError() throws IOException {
        Path file = dir.resolve("cxpulse.yaml");
        Files.writeString(file, "complaints:\n  windw: 6h\n");
        SampleJobConfig defaults = new SampleJobConfig(5, Duration.ofHours(24), 0.01);

        assertThatThrownBy(() -> ConfigLoader.section(file, "complaints", SampleJobConfig.class, defaults, Map.of()))
                .hasMessageContaining("complaints.windw").hasMessageContaining("window");
    }

    @Test
    void parsesEveryDurationForm() {
        assertThat(ConfigLoader.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigLoader.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigLoader.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigLoader.parseDuration("4h")).isEqualTo(Duration.ofHours(4));
        assertThat(ConfigLoader.parseDuration("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(ConfigLoader.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aSubstitutedValueNeverAppearsInAnErrorMessageOrItsCauses() throws IOException {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"fake-jaas-hunter2\";";
        Path file = dir.resolve("cxpulse.yaml");
        Files.writeString(file, "kafka:\n  transaction-timeout: ${FAKE_JAAS}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("FAKE_JAAS", jaas)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("transaction-timeout")
                .hasMessageContaining(Secrets.MASK)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
                    }
                });

        Files.writeString(file, "experience:\n  long-wait-answered: ${FAKE_JAAS}\n");
        assertThatThrownBy(() -> ConfigLoader.section(file, "experience", Timing.class,
                new Timing(Duration.ofMinutes(5)), Map.of("FAKE_JAAS", jaas)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
                    }
                });
    }

    /** A job section's typed configuration, as the jobs' own records are. */
    public record Timing(Duration longWaitAnswered) {}

    @Test
    void aValueFromTheEnvironmentIsMaskedUnderAnyKeyAndKeyLikeNamesAreMaskedToo() throws IOException {
        CxPulseConfig config = load("""
                kafka:
                  properties:
                    ssl.keystore.key: "-----BEGIN PRIVATE KEY----- literal"
                    ssl.keystore.type: PEM
                    custom.login.thing: ${LOGIN}
                """, Map.of("LOGIN", "tok-9f8e7d6c"));

        assertThat(config.toString()).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("tok-9f8e7d6c")
                .contains("ssl.keystore.type=PEM");
    }

    @Test
    void secretLookingKeysAreMasked() {
        assertThat(Secrets.masked(Map.of("sasl.jaas.config", "x", "ssl.keystore.password", "y",
                        "basic.auth.user.info", "z", "security.protocol", "SASL_SSL")))
                .containsEntry("sasl.jaas.config", Secrets.MASK)
                .containsEntry("ssl.keystore.password", Secrets.MASK)
                .containsEntry("basic.auth.user.info", Secrets.MASK)
                .containsEntry("security.protocol", "SASL_SSL");
    }

    private CxPulseConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("cxpulse.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, env);
    }
}
