package io.cxpulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.testing.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.apache.commons.io.FileUtils;

/**
 * The job jar on a real standalone session cluster (a JobManager and two TaskManagers, separate
 * JVMs, Flink's jars only on their classpath), submitted by REST with {@code programArgsList}.
 */
class SessionClusterITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Kept after the run: the cluster's logs. */
    static final Path dir = Path.of("target", "session-cluster-it").toAbsolutePath();

    static FlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        FileUtils.deleteDirectory(dir.toFile());
        Files.createDirectories(dir);
        cluster = FlinkCluster.builder(FlinkCluster.Distribution.fromSystemProperties(), dir.resolve("cluster"))
                .webSubmit(true)
                .taskManagers(2)
                // metrics read by REST are at most a second old (the metaspace check reads them after a GC)
                .setting("metrics.fetcher.update-interval", "1000")
                .start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runsTheJobJarSubmittedByRestAndDeadLettersWhatItCannotDecode() throws Exception {
        String prefix = KAFKA.freshPrefix();
        Path config = configFile("", prefix, "");
        KAFKA.createTopics(2, topics(prefix));
        FlinkRest rest = cluster.rest();
        String jar = rest.uploadJar(FlinkCluster.Distribution.fromSystemProperties().jobJar());

        String job = rest.runJar(jar, FlinkRest.Run.of(FlinkCluster.JOB_CLASS, List.of("--config-file", config.toString())));
        FlinkCluster.await("the job's tasks running", Duration.ofSeconds(90), () -> running(rest, job));
        KAFKA.produce(prefix + "cx.calls.v1", List.of(Map.entry("k1".getBytes(StandardCharsets.UTF_8),
                "not an Avro record".getBytes(StandardCharsets.UTF_8))));

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                KAFKA.readCommitted(prefix + "cx.deadletter.v1", 1, Duration.ofSeconds(60));
        rest.cancel(job);
        assertThat(deadLetters).hasSize(1);
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(Files.readString(cluster.logs().resolve("jobmanager-0.log")))
                .contains("CX Pulse kafka.bootstrap-servers: " + KAFKA.bootstrapServers());
    }

    @Test
    void flinkRunSubmitsTheJobJarToo() throws Exception {
        String prefix = KAFKA.freshPrefix();
        Path config = configFile("", prefix, "");
        KAFKA.createTopics(2, topics(prefix));

        FlinkCluster.ClientRun run = cluster.flink(List.of("run", "-d",
                "-c", FlinkCluster.JOB_CLASS, FlinkCluster.Distribution.fromSystemProperties().jobJar().toString(),
                "--config-file", config.toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = Pattern.compile("JobID ([0-9a-f]{32})").matcher(run.output());
        assertThat(id.find()).as(run.output()).isTrue();
        String job = id.group(1);
        FlinkCluster.await("the job's tasks running", Duration.ofSeconds(90), () -> running(cluster.rest(), job));
        cluster.rest().cancel(job);
    }

    @Test
    void refusesATransactionTimeoutAboveTheBrokersLimitAtSubmission() throws Exception {
        String prefix = KAFKA.freshPrefix();
        Path config = configFile("", prefix, "  transaction-timeout: 1h\n");
        FlinkRest rest = cluster.rest();
        String jar = rest.uploadJar(FlinkCluster.Distribution.fromSystemProperties().jobJar());
        int jobsBefore = rest.jobs().size();

        assertThatThrownBy(() -> rest.runJar(jar, FlinkRest.Run.of(FlinkCluster.JOB_CLASS,
                        List.of("--config-file", config.toString()))))
                .hasMessageContaining("kafka.transaction-timeout (1 h) is above the broker's"
                        + " transaction.max.timeout.ms (900000 ms = 15 min)");
        assertThat(rest.jobs()).as("no job was started").hasSize(jobsBefore);
    }

    @Test
    void everyProcessListensOnLoopbackOnly() throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        List<String> lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        ss.waitFor();
        List<String> listening = new ArrayList<>();
        for (long pid : cluster.pids()) {
            lines.stream().filter(l -> l.contains("pid=" + pid + ",")).map(l -> l.trim().split("\\s+")[3])
                    .forEach(listening::add);
        }

        assertThat(listening).as("the JobManager's and TaskManagers' listening sockets").isNotEmpty()
                .allSatisfy(address -> assertThat(address).matches("(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]|\\[::1\\]):\\d+"));
    }

    @Test
    void twentySubmissionsAndCancellationsLeaveTheJobManagersMetaspaceFlat() throws Exception {
        String prefix = KAFKA.freshPrefix();
        KAFKA.createTopics(2, topics(prefix));
        Path config = configFile("parallelism: 1\n", prefix, "");
        FlinkRest rest = cluster.rest();
        Path jobJar = FlinkCluster.Distribution.fromSystemProperties().jobJar();
        long warm = 0;
        long middle = 0;
        for (int i = 1; i <= 20; i++) {
            String jar = rest.uploadJar(jobJar);
            String job = rest.runJar(jar, FlinkRest.Run.of(FlinkCluster.JOB_CLASS, List.of("--config-file", config.toString())));
            // Cancelled once its tasks run (one of each, parallelism 1: it is the JobManager that
            // is watched), as an operator would: a job cancelled the moment it is
            // RUNNING is usually still starting its Kafka sources' enumerators, and Flink runs that
            // start after it has closed the job's class loader. The Kafka admin client then registers
            // its app-info MBean and fails, never to close: the JobManager's MBean server keeps that
            // job's loader until a later job's source of the same name closes its admin client.
            FlinkCluster.await("job " + i + "'s tasks running", Duration.ofSeconds(60), () -> running(rest, job));
            rest.cancel(job);
            FlinkCluster.await("job " + i + " cancelled", Duration.ofSeconds(60), () -> state(rest, job).equals("CANCELED"));
            rest.deleteJar(jar);
            if (i == 5) {
                warm = metaspaceAfterGc();
            } else if (i == 10) {
                middle = metaspaceAfterGc();
            }
        }
        long after = metaspaceAfterGc();
        long loaders = userClassLoaders();
        System.out.printf("JobManager metaspace after a GC: %.1f MB after 5 submissions, %.1f MB after 10, %.1f MB"
                + " after 20; %d job class loaders alive%n", warm / 1e6, middle / 1e6, after / 1e6, loaders);

        // Each submission loads the job's classes twice (main, then the job): 15-20 MB a time. A
        // leak kept them all (20 submissions: over 300 MB, past the 256 MB metaspace); at most the
        // last job's may stay (a heap dump shows java.lang.runtime.ObjectMethods holding a method
        // handle whose type names the last record class it made equals and hashCode for).
        assertThat(loaders).as("job class loaders alive after 20 submissions").isLessThanOrEqualTo(2);
        assertThat(after - middle).as("metaspace growth from submission 10 to 20, bytes").isLessThan(15_000_000);
        assertThat(rest.jobManagerMetric("Status.JVM.ClassLoader.ClassesUnloaded")).isPositive();
    }

    /**
     * The JobManager's metaspace in use after full GCs (requested with jcmd), as its REST metrics
     * say, once at most two job class loaders are left (the last job's are released seconds after
     * it is cancelled), or after 90 s. When more are left then, what has held one before is
     * printed: the JobManager's threads (a thread of a job that outlived it) and the sources whose
     * enumerator started after the job's loader was closed (a Kafka admin client's MBean).
     */
    private static long metaspaceAfterGc() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        do {
            jcmd("GC.run");
            Thread.sleep(1_000);
        } while (userClassLoaders() > 2 && System.nanoTime() < deadline);
        if (userClassLoaders() > 2) {
            long lateStarts = Files.readAllLines(cluster.logs().resolve("jobmanager-0.log")).stream()
                    .filter(l -> l.contains("while starting the SplitEnumerator")).count();
            System.out.println("More than two job class loaders alive; enumerators started after their job's loader"
                    + " was closed: " + lateStarts + "; the JobManager's threads:\n" + jcmd("Thread.print"));
        }
        return metaspaceUsed();
    }

    /** Metaspace in use, in bytes, as the JVM reports it ({@code jcmd VM.metaspace}, line "Both:"). */
    private static long metaspaceUsed() throws Exception {
        String text = jcmd("VM.metaspace", "scale=K");
        Matcher used = Pattern
                .compile("Both:.*?([0-9][0-9.,]*) KB \\(\\s*\\d+%\\) used").matcher(text);
        assertThat(used.find()).as(text).isTrue();
        return (long) (Double.parseDouble(used.group(1).replace(",", "")) * 1024);
    }

    /** Flink user-code class loaders alive in the JobManager, from its class histogram. */
    private static long userClassLoaders() throws Exception {
        return jcmd("GC.class_histogram").lines()
                .filter(l -> l.endsWith("org.apache.flink.util.ChildFirstClassLoader")
                        || l.contains("FlinkUserCodeClassLoaders$ParentFirstClassLoader"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1]))
                .sum();
    }

    /** What {@code jcmd <JobManager> COMMAND...} prints; it must succeed. */
    private static String jcmd(String... command) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> args = new ArrayList<>(List.of(Path.of(java).resolveSibling("jcmd").toString(),
                Long.toString(cluster.jobManagerPid())));
        args.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as(output).isZero();
        return output;
    }

    private static String state(FlinkRest rest, String job) {
        try {
            return rest.jobState(job);
        } catch (Exception e) {
            return "";
        }
    }

    private static Path configFile(String top, String prefix, String kafkaExtra) throws Exception {
        String topics = TopicsConfig.CONTRACT.withPrefix(prefix).yamlSection();
        return Files.writeString(dir.resolve(prefix + "cxpulse.yaml"), top + "kafka:\n  bootstrap-servers: "
                + KAFKA.bootstrapServers() + "\n" + kafkaExtra + "checkpoints:\n  interval: 1s\n" + topics);
    }

    private static List<String> topics(String prefix) {
        return List.of("cx.calls.v1", "cx.chats.v1", "cx.surveys.v1", "cx.shipments.v1", "cx.complaints.v1",
                "cx.alerts.v1", "cx.metrics.v1", "cx.supplier-shares.v1", "cx.deadletter.v1").stream()
                .map(t -> prefix + t).toList();
    }

    private static boolean running(FlinkRest rest, String job) {
        try {
            return rest.allTasksRunning(job);
        } catch (Exception e) {
            return false;
        }
    }
}
