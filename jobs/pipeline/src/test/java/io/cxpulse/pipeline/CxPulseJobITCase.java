package io.cxpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.testing.EmbeddedKafka;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster job's {@code main} against a real broker: before it builds anything it logs the
 * Kafka servers and topics it will use, and a transaction timeout above the broker's
 * {@code transaction.max.timeout.ms} (15 min, Kafka's default) stops it at once with one line that
 * names both settings, instead of a job that restarts over and over.
 */
class CxPulseJobITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path dir;

    @Test
    void logsWhatItRunsAgainstThenRefusesATransactionTimeoutAboveTheBrokersLimit() throws Exception {
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"), "kafka:\n  bootstrap-servers: "
                + KAFKA.bootstrapServers() + "\n  transaction-timeout: 1h\ntopics:\n  calls: acme.calls\n");
        StringWriter log = new StringWriter();

        Throwable failure;
        try (LogCapture capture = new LogCapture(log)) {
            CompletableFuture<Void> main = CompletableFuture.runAsync(() -> {
                try {
                    CxPulseJob.main(new String[] {"--config-file", config.toString()});
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            failure = catchFailure(main);
        }

        assertThat(failure).as("main refused to start, within 60 s").isNotNull();
        assertThat(failure.getMessage()).doesNotContain("\n").isEqualTo("kafka.transaction-timeout (1 h) is above the"
                + " broker's transaction.max.timeout.ms (900000 ms = 15 min): lower kafka.transaction-timeout (keep it"
                + " above checkpoints.interval) or raise the broker's limit");
        assertThat(log.toString())
                .contains("CX Pulse kafka.bootstrap-servers: " + KAFKA.bootstrapServers() + " (" + config + ")")
                .contains("CX Pulse topics in: acme.calls, cx.chats.v1, cx.surveys.v1, cx.shipments.v1, cx.complaints.v1;"
                        + " out: cx.alerts.v1, cx.metrics.v1, cx.supplier-shares.v1; dead letters: cx.deadletter.v1");
    }

    @Test
    void refusesAnArgumentItDoesNotKnowBeforeAnythingElse() {
        assertThatThrownBy(() -> CxPulseJob.main(new String[] {"--config-file", "cxpulse.yaml", "--parallelism", "4"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--parallelism'");
    }

    private static Throwable catchFailure(CompletableFuture<Void> main) throws Exception {
        try {
            main.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            main.cancel(true);
            return null;
        }
    }

    /** What {@code io.cxpulse} logs at INFO, into a writer, while open. */
    private static final class LogCapture implements AutoCloseable {
        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final WriterAppender appender;

        LogCapture(StringWriter writer) {
            appender = WriterAppender.newBuilder().setName("capture")
                    .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build())
                    .setTarget(writer).build();
            appender.start();
            LoggerConfig cxpulse = context.getConfiguration().getLoggerConfig("io.cxpulse");
            cxpulse.addAppender(appender, Level.INFO, null);
            context.updateLoggers();
        }

        @Override
        public void close() {
            context.getConfiguration().getLoggerConfig("io.cxpulse").removeAppender("capture");
            context.updateLoggers();
            appender.stop();
        }
    }
}
