package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cxpulse.common.config.KafkaConfig;
import io.cxpulse.common.io.TransactionTimeoutCheck;
import io.cxpulse.common.testing.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction timeout above the broker's {@code transaction.max.timeout.ms} (15 min on the
 * test broker, Kafka's default) stops {@code run} and {@code demo} at start with one line that
 * names both settings, instead of a job that restarts over and over; one within it starts.
 */
class TransactionTimeoutITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path dir;

    @Test
    void runRefusesATimeoutAboveTheBrokersLimitInOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"), "kafka:\n  transaction-timeout: 1h\n");

        CliRun run = within(Duration.ofSeconds(60),
                "run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config", config.toString());

        assertRefusedInOneLine(run);
    }

    @Test
    void demoOnAnExistingBrokerRefusesItToo() throws Exception {
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"), "kafka:\n  transaction-timeout: 1h\n");

        CliRun demo = within(Duration.ofSeconds(60), "demo", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--config", config.toString(), "--duration", "20", "--no-color");

        assertRefusedInOneLine(demo);
    }

    @Test
    void aTimeoutWithinTheLimitPasses() {
        KafkaConfig kafka = KafkaConfig.defaults().withBootstrapServers(KAFKA.bootstrapServers());

        assertThatCode(() -> TransactionTimeoutCheck.verify(kafka)).doesNotThrowAnyException();
    }

    private static void assertRefusedInOneLine(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(CxPulse.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").isEqualTo("cxpulse: kafka.transaction-timeout (1 h) is"
                + " above the broker's transaction.max.timeout.ms (900000 ms = 15 min): lower"
                + " kafka.transaction-timeout (keep it above checkpoints.interval) or raise the broker's limit");
    }

    /** Runs the command line, failing the test if it has not ended by {@code deadline}. */
    private static CliRun within(Duration deadline, String... args) throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        return run.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
