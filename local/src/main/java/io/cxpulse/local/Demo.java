package io.cxpulse.local;

import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.console.ConsoleConfig;
import io.cxpulse.common.io.TransactionTimeoutCheck;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cxpulse demo}: the whole product on real parts in one process. A Kafka broker (KRaft)
 * on free local ports, or an existing cluster; the contract's topics; the experience,
 * complaints and metrics jobs on a Flink MiniCluster with its web UI; simulated traffic with
 * scripted incidents, accelerated; the web console on a free loopback port; and the terminal
 * showing alerts as they arrive, the live metrics and a status line, read back from Kafka. Ends after {@code duration} or on
 * {@link #stop()} (Ctrl-C), and then stops everything it started.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    /**
     * @param duration how long to run; null runs until {@link #stop()}
     * @param bootstrapServers an existing Kafka cluster; null starts a local broker
     */
    public record Options(Duration duration, String bootstrapServers, int parallelism, int partitions,
            Duration tableEvery, Ansi ansi, boolean allAlerts) {}

    /** Drives the simulated traffic into Kafka; see {@link DemoTraffic}. */
    public interface TrafficFactory {
        DemoTraffic start(CxPulseConfig config) throws Exception;
    }

    private final CxPulseConfig base;
    private final Pipelines.JobConfigs jobs;
    private final Options options;
    private final TrafficFactory trafficFactory;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile DemoConsole console;
    private volatile DemoWebConsole webConsole;
    private volatile boolean stopRequestedFromOutside;

    public Demo(CxPulseConfig base, Pipelines.JobConfigs jobs, Options options, TrafficFactory trafficFactory,
            PrintStream out) {
        this.base = base;
        this.jobs = jobs;
        this.options = options;
        this.trafficFactory = trafficFactory;
        this.out = out;
    }

    /** Runs the demo to its end; returns once everything it started has stopped. */
    public void run() throws Exception {
        LocalBroker broker = null;
        LocalFlink flink = null;
        JobClient job = null;
        DemoTraffic traffic = null;
        try {
            String bootstrap = options.bootstrapServers();
            if (bootstrap == null) {
                out.println("starting a Kafka broker (KRaft) ...");
                broker = LocalBroker.start();
                bootstrap = broker.bootstrapServers();
            }
            CxPulseConfig config = demoConfig(bootstrap);
            TransactionTimeoutCheck.verify(config.kafka());
            TopicSetup.ensure(config, options.partitions(), (short) 1);
            webConsole = DemoWebConsole.start(config, ConsoleConfig.DEFAULTS);
            webConsole.banner().forEach(out::println);
            flink = LocalFlink.create(config, options.parallelism());
            Pipelines.attachToKafka(flink.env(), config, jobs);
            job = flink.env().executeAsync("cxpulse-demo");
            out.println("Kafka " + bootstrap + " · Flink web UI " + flink.webUi()
                    + " · alerts below, metrics every " + options.tableEvery().toSeconds() + " s · Ctrl-C stops");
            traffic = trafficFactory.start(config);
            DemoTraffic counted = traffic;
            console = new DemoConsole(config, out, options.ansi(), counted::eventsSent, options.tableEvery(),
                    options.allAlerts());
            console.start();
            if (options.duration() == null) {
                stopRequested.await();
            } else {
                stopRequested.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
            traffic.close();
            traffic = null;
            if (!stopRequestedFromOutside) {
                // What the last events raised becomes visible with the next committed checkpoint.
                Thread.sleep(2 * config.checkpoints().interval().toMillis());
            }
        } finally {
            // Each part stops even when the one before failed to; on Ctrl-C the JVM's own
            // shut-down runs meanwhile, so a part may already be gone.
            DemoTraffic sending = traffic;
            JobClient running = job;
            LocalBroker started = broker;
            LocalFlink cluster = flink;
            try {
                stopQuietly("the simulator", sending == null ? null : sending::close);
                stopQuietly("the terminal feed", console == null ? null : console::close);
                stopQuietly("the web console", webConsole);
                // On Ctrl-C the JVM's shut-down stops Flink's own services meanwhile, so a graceful
                // stop may never answer: give it a few seconds only.
                Duration patience = stopRequestedFromOutside ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
                stopQuietly("the jobs", running == null ? null : () -> stopJobs(running, cluster, patience));
                stopQuietly("the Kafka broker", started == null ? null : started::close);
                stopQuietly("Flink's temporary files", cluster == null ? null : cluster::deleteTemporaryFiles);
                out.println(options.ansi().bold("demo finished: ")
                        + (console == null ? "{}" : console.alertsByKind()));
            } finally {
                stopped.countDown();
            }
        }
    }

    private void stopQuietly(String what, AutoCloseable stopping) {
        if (stopping == null) {
            return;
        }
        try {
            stopping.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping {} failed", what, e);
        }
    }

    /** Asks a running demo to end (from a Ctrl-C hook), and waits until it has. */
    public void stop() throws InterruptedException {
        stopRequestedFromOutside = true;
        stopRequested.countDown();
        stopped.await(60, TimeUnit.SECONDS);
    }

    /** The web console, once started: for the end-to-end test. */
    public DemoWebConsole webConsole() {
        return webConsole;
    }

    /** What the terminal showed: for the end-to-end test. */
    public DemoConsole console() {
        return console;
    }

    /** Short checkpoints, so committed results show within seconds. */
    private CxPulseConfig demoConfig(String bootstrap) {
        SourcesConfig sources = base.sources();
        return base.withKafka(base.kafka().withBootstrapServers(bootstrap))
                .withCheckpoints(new CheckpointsConfig(Duration.ofSeconds(2), base.checkpoints().directory(),
                        base.checkpoints().stateBackend()))
                .withSources(sources.with(Duration.ofSeconds(10), SourcesConfig.StartingOffsets.EARLIEST));
    }

    /**
     * Stops the jobs with a savepoint, which commits their open Kafka transactions, so that
     * everything they computed is visible and nothing is left for the broker to time out.
     * Cancelling instead aborts each sink's transaction, which can wait a long time on a broker
     * that is itself shutting down. Cancels if the savepoint fails. The local cluster shuts itself
     * down once its job has ended, so a job already gone (the cluster with it) counts as stopped.
     */
    private static void stopJobs(JobClient job, LocalFlink flink, Duration patience) throws Exception {
        long ms = patience.toMillis();
        try {
            job.stopWithSavepoint(false, flink.savepointDirectory(), SavepointFormatType.CANONICAL)
                    .get(ms, TimeUnit.MILLISECONDS);
            return;
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            LOG.debug("stopping the demo's jobs with a savepoint failed; cancelling them", e);
        }
        try {
            job.cancel().get(ms, TimeUnit.MILLISECONDS);
            job.getJobExecutionResult().get(ms, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalStateException stoppedOrGone) {
            // a cancelled job has no result (CancellationException is an IllegalStateException);
            // a finished one has no cluster left to ask
        }
    }
}
