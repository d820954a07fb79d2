package io.cxpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster job's start: arguments it does not know stop it before anything runs, and what it
 * will run against is said, with secrets masked.
 */
class JobStartTest {

    @TempDir
    Path dir;

    @Test
    void refusesAnUnknownArgument() {
        assertThatThrownBy(() -> CxPulseJob.main(new String[] {"--config", "/etc/cxpulse.yaml"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--config'")
                .hasMessageContaining(JobStart.USAGE);
    }

    @Test
    void refusesArgumentsJoinedIntoOne() {
        // what a shell-quoted programArgs string becomes when passed as one list element
        assertThatThrownBy(() -> JobStart.parse(new String[] {"--config-file /etc/cxpulse.yaml"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--config-file /etc/cxpulse.yaml'");
    }

    @Test
    void refusesAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> JobStart.parse(new String[] {"--config-file"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config-file needs a value");
    }

    @Test
    void refusesAConfigurationFileThatIsNotThere() {
        assertThatThrownBy(() -> JobStart.parse(new String[] {"--config-file", dir.resolve("absent.yaml").toString()},
                        Map.of()))
                .hasMessageContaining("absent.yaml does not exist")
                .hasMessageContaining("JobManager");
    }

    @Test
    void withoutConfigurationSaysItRunsOnDefaultsAndWhichTopics() throws Exception {
        JobStart start = JobStart.parse(new String[0], Map.of());

        assertThat(start.describe()).anySatisfy(line -> assertThat(line)
                        .startsWith("kafka.bootstrap-servers: localhost:9092 (default: no --config-file"))
                .anySatisfy(line -> assertThat(line).startsWith("configuration: no --config-file given"))
                .anySatisfy(line -> assertThat(line).contains("cx.calls.v1", "cx.complaints.v1", "cx.alerts.v1",
                        "cx.metrics.v1", "cx.supplier-shares.v1", "cx.deadletter.v1"));
    }

    @Test
    void namesWhereTheServersCameFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("cxpulse.yaml"), """
                kafka:
                  bootstrap-servers: from-file:9092
                topics:
                  calls: acme.calls
                """);

        assertThat(JobStart.parse(new String[] {"--config-file", file.toString()}, Map.of()).describe())
                .contains("kafka.bootstrap-servers: from-file:9092 (" + file + ")")
                .anySatisfy(line -> assertThat(line).startsWith("topics in: acme.calls, cx.chats.v1"));
        assertThat(JobStart.parse(new String[] {"--config-file", file.toString()},
                        Map.of("CXPULSE_KAFKA_BOOTSTRAP_SERVERS", "from-env:9092")).describe())
                .contains("kafka.bootstrap-servers: from-env:9092 (CXPULSE_KAFKA_BOOTSTRAP_SERVERS)");
        assertThat(JobStart.parse(new String[] {"--config-file", file.toString(), "--bootstrap-servers", "from-arg:9092"},
                        Map.of("CXPULSE_KAFKA_BOOTSTRAP_SERVERS", "from-env:9092")).describe())
                .contains("kafka.bootstrap-servers: from-arg:9092 (--bootstrap-servers)");
    }

    @Test
    void masksSecretsFromTheEnvironment() throws Exception {
        JobStart start = JobStart.parse(new String[0], Map.of(
                "CXPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "CXPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"cx\" password=\"hunter2\";"));

        // By name and by origin: a Kubernetes Secret reaches the job as environment variables, so
        // every value from the environment is masked, whatever its key (the file's are shown).
        assertThat(String.join("\n", start.describe()))
                .contains("security.protocol=******", "sasl.jaas.config=******")
                .doesNotContain("hunter2").doesNotContain("SASL_SSL");
    }

    @Test
    void showsWhatTheFileSaysUnlessItIsASecret() throws Exception {
        Path file = Files.writeString(dir.resolve("cxpulse.yaml"), """
                kafka:
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=\\"hunter2\\";"
                """);

        assertThat(String.join("\n", JobStart.parse(new String[] {"--config-file", file.toString()}, Map.of())
                        .describe()))
                .contains("security.protocol=SASL_SSL", "sasl.jaas.config=******").doesNotContain("hunter2");
    }

    @Test
    void readsEachJobsSectionFromTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("cxpulse.yaml"), """
                complaints:
                  alpha: 0.05
                """);

        assertThat(JobStart.parse(new String[] {"--config-file", file.toString()}, Map.of()).jobs().complaints().alpha())
                .isEqualTo(0.05);
    }
}
