package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.TransactionTimeoutCheck;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.pipeline.Pipelines;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cxpulse run}: CX Pulse, the one application the cluster job runs, on a local Flink,
 * Kafka in and out, exactly once, until stopped. ({@code all} is still accepted as its name; the
 * former per-job names are refused with a usage error: the jobs are one application now.) The transaction timeout
 * is checked against the brokers first. Its state survives a restart: Ctrl-C stops it with a savepoint when a checkpoint
 * directory is configured (checkpoints are retained there too), and {@code --from-savepoint}
 * restores from either.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs CX Pulse on a local Flink MiniCluster against Kafka until stopped"
                + " (Ctrl-C). On a Flink cluster, run the job jar (jobs/pipeline/target/cxpulse-pipeline.jar) instead.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "all", defaultValue = Pipelines.ALL_JOBS,
            description = "Optional, and only ever all: CX Pulse is one application, as on a cluster.")
    String job;

    /** The names of the jobs CX Pulse used to run separately, refused with a hint. */
    private static final List<String> FORMER_JOBS = List.of("experience", "complaints", "metrics");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to use (overrides the configuration).")
    String bootstrapServers;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Restore the job's state from a savepoint, or from a retained checkpoint (its chk-N"
                    + " directory under checkpoints.directory), e.g. after a crash.")
    String fromSavepoint;

    @Option(names = "--web-ui-address", paramLabel = "ADDRESS", defaultValue = LocalFlink.LOOPBACK,
            description = "Where the local Flink's web UI and REST API listen (default: ${DEFAULT-VALUE}). Another"
                    + " address exposes them to the network: put an authenticating proxy in front. They never"
                    + " take a jar or cancel a job.")
    String webUiAddress;

    @Option(names = "--allow-non-restored-state",
            description = "Start even if the savepoint holds state no operator of this job claims.")
    boolean allowNonRestoredState;

    @Override
    public Integer call() throws Exception {
        CxPulseConfig config = CommandConfig.load(configFile);
        if (bootstrapServers != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
        }
        if (FORMER_JOBS.contains(job)) {
            throw new UsageException("'" + job + "' is no longer a job of its own: the experience, complaints and"
                    + " metrics jobs are one application now; run it with 'cxpulse run'");
        }
        if (!Pipelines.ALL_JOBS.equals(job)) {
            throw new UsageException("unknown argument '" + job + "': 'cxpulse run' runs the one application");
        }
        Configuration restore = new Configuration();
        if (fromSavepoint != null) {
            Path local = localPath(fromSavepoint);
            if (local != null && !Files.exists(local)) {
                throw new UsageException("--from-savepoint: no such savepoint or checkpoint: " + fromSavepoint);
            }
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
            restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        }
        try {
            TransactionTimeoutCheck.verify(config.kafka());
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        StreamExecutionEnvironment env = FlinkSettings.environment(config,
                LocalFlink.lockDown(restore, webUiAddress));
        Pipelines.attachToKafka(env, config, CommandConfig.jobs(configFile));
        PrintWriter out = spec.commandLine().getOut();
        String checkpoints = config.checkpoints().directory();
        String savepoints = checkpoints == null ? null : checkpoints.replaceAll("/+$", "") + "/savepoints";
        JobClient client = env.executeAsync("cxpulse-" + job);
        out.printf("running CX Pulse as Flink job %s%s; Ctrl-C stops it%n", client.getJobID(),
                fromSavepoint == null ? "" : ", restored from " + fromSavepoint);
        out.println(checkpoints == null
                ? "checkpoints.directory is not set: a restart begins with empty state (set it to keep state)"
                : "checkpoints retained under " + checkpoints + "/" + client.getJobID() + "; savepoints go to "
                        + savepoints);
        out.flush();
        Thread stop = new Thread(() -> stop(client, savepoints, out), "cxpulse-run-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            client.getJobExecutionResult().get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what ended the run
            }
        }
        return 0;
    }

    /**
     * Ctrl-C: a savepoint commits the sinks' open transactions and keeps the state for the next
     * start; without a savepoint directory, or if it fails in time (the JVM's own shut-down is
     * stopping the local cluster meanwhile), the job is cancelled and its last retained
     * checkpoint is the way back.
     */
    private static void stop(JobClient client, String savepoints, PrintWriter out) {
        if (savepoints != null) {
            try {
                String path = client.stopWithSavepoint(false, savepoints, SavepointFormatType.CANONICAL)
                        .get(20, TimeUnit.SECONDS);
                out.println("stopped with a savepoint; restart with --from-savepoint " + path);
                out.flush();
                return;
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                out.println("the savepoint did not complete (" + e.getClass().getSimpleName()
                        + "); restart from the last retained checkpoint instead");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            client.cancel().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException gone) {
            // already ended, or the local cluster is shutting down with the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }

    /** The local file a {@code file:} URI or plain path names; null for a remote file system. */
    private static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        return location.contains("://") ? null : Path.of(location);
    }
}
