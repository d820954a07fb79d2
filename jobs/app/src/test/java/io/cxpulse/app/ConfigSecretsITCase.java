package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cxpulse} command line as an operator runs it, in a process of its own with the
 * secret in its environment: a value substituted from the environment never appears on stderr,
 * even when it is what failed to parse.
 */
class ConfigSecretsITCase {

    private static final String SECRET = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"cx\" password=\"fake-jaas-hunter2\";";

    @TempDir
    Path dir;

    @Test
    void aSecretInAValueThatFailsToParseIsNotPrintedOnStderr() throws Exception {
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"), "kafka:\n  transaction-timeout: ${FAKE_JAAS}\n");
        Files.createDirectories(dir.resolve("in"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CxPulse.class.getName(),
                "replay", "--input", dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
                "--config", config.toString()));
        builder.environment().put("FAKE_JAAS", SECRET);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("transaction-timeout").doesNotContain("hunter2").doesNotContain("PlainLoginModule");
    }
}
