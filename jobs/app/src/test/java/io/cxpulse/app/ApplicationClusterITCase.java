package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxpulse.cluster.FlinkCluster;
import io.cxpulse.cluster.FlinkRest;
import io.cxpulse.common.testing.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.apache.commons.io.FileUtils;

/**
 * What {@code docker/compose.yaml} runs, on real processes: {@code cxpulse topics} with the
 * compose file's arguments, then an application cluster whose JobManager runs the job jar from
 * {@code usrlib/} with the compose file's {@code standalone-job} arguments, with JobManager high
 * availability (ZooKeeper). A JobManager killed with SIGKILL and started again resumes the job
 * from its last checkpoint by itself: the dead letter written before the crash is not written
 * again, the one after it is written once.
 */
class ApplicationClusterITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Kept after the run: the cluster's logs. */
    private final Path dir = Path.of("target", "application-cluster-it").toAbsolutePath();

    @Test
    void runsLikeComposeAndSurvivesAJobManagerCrash() throws Exception {
        FileUtils.deleteDirectory(dir.toFile());
        Files.createDirectories(dir);
        List<String> topics = new ArrayList<>(DockerFilesTest.TOPICS_COMMAND);
        topics.set(topics.indexOf(DockerFilesTest.COMPOSE_KAFKA), KAFKA.bootstrapServers());
        CliRun created = CliRun.of(topics.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(CliRun.of(topics.toArray(String[]::new)).out()).as("a second run changes nothing")
                .contains("topics: 0 created, 11 already there");
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"),
                "kafka:\n  bootstrap-servers: " + KAFKA.bootstrapServers() + "\ncheckpoints:\n  interval: 1s\nparallelism: 2\n");

        try (FlinkCluster cluster = FlinkCluster.builder(FlinkCluster.Distribution.fromSystemProperties(), dir.resolve("cluster"))
                .application(List.of("--config-file", config.toString()))
                .highAvailability(true)
                .taskManagers(2)
                .start()) {
            FlinkRest rest = cluster.rest();
            String job = awaitOneRunningJob(rest);
            assertThat(Files.readString(cluster.logs().resolve("jobmanager-0.log")))
                    .as("the job's arguments reach its main").contains("CX Pulse configuration: " + config);
            deadLetterSource("before-crash");
            assertThat(KAFKA.readCommitted("cx.deadletter.v1", 1, Duration.ofSeconds(60))).hasSize(1);
            awaitCheckpointAfter(rest, job, System.currentTimeMillis());

            cluster.killJobManager();
            cluster.startJobManager();
            FlinkCluster.await("the REST endpoint after the JobManager's restart", Duration.ofSeconds(90), rest::isUp);
            assertThat(awaitOneRunningJob(rest)).as("the same job, recovered").isEqualTo(job);
            deadLetterSource("after-crash");

            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    KAFKA.readCommitted("cx.deadletter.v1", 2, Duration.ofSeconds(90));
            assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("before-crash", "after-crash");
            assertThat(Files.readString(cluster.logs().resolve("jobmanager-1.log")))
                    .containsPattern("Restoring job " + job + " from Checkpoint \\d+");

            // What docker/README.md says of the shipped settings: no jar upload at all, while
            // web.cancel.enable: false only hides the dashboard's button; the API still cancels.
            assertThatThrownBy(() -> rest.uploadJar(FlinkCluster.Distribution.fromSystemProperties().jobJar()))
                    .isInstanceOfSatisfying(FlinkRest.RestException.class,
                            e -> assertThat(e.status()).isBetween(400, 499));
            assertThatThrownBy(() -> rest.get("/jars")).as("no jar handlers at all")
                    .isInstanceOfSatisfying(FlinkRest.RestException.class, e -> assertThat(e.status()).isEqualTo(404));
            rest.cancel(job);
            // (the application's cluster shuts down when its job ends: its log says it)
            FlinkCluster.await("the job cancelled by the REST API", Duration.ofSeconds(60), () -> {
                try {
                    return Files.readString(cluster.logs().resolve("jobmanager-1.log"))
                            .contains("(" + job + ") switched from state CANCELLING to CANCELED");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    private static void deadLetterSource(String key) throws Exception {
        KAFKA.produce("cx.calls.v1", List.of(Map.entry(key.getBytes(StandardCharsets.UTF_8),
                ("not a call: " + key).getBytes(StandardCharsets.UTF_8))));
    }

    private static String awaitOneRunningJob(FlinkRest rest) throws InterruptedException {
        String[] job = new String[1];
        FlinkCluster.await("the application's job running", Duration.ofSeconds(120), () -> {
            try {
                for (JsonNode j : rest.jobs()) {
                    if (rest.allTasksRunning(j.path("jid").asText())) {
                        job[0] = j.path("jid").asText();
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        return job[0];
    }

    private static void awaitCheckpointAfter(FlinkRest rest, String job, long sinceMs) throws InterruptedException {
        FlinkCluster.await("a checkpoint", Duration.ofSeconds(60), () -> {
            try {
                return rest.get("/jobs/" + job + "/checkpoints").path("latest").path("completed")
                        .path("trigger_timestamp").asLong(0) > sinceMs;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
