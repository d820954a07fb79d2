package io.cxpulse.local;

import io.cxpulse.app.Pipelines;
import io.cxpulse.common.config.CheckpointsConfig;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.SourcesConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code cxpulse demo}: the whole product on real parts in one process. A Kafka broker (KRaft)
 * on free local ports, or an existing cluster; the contract's topics; the experience,
 * complaints and metrics jobs on a Flink MiniCluster with its web UI; simulated traffic with
 * scripted incidents, accelerated; and the terminal showing alerts as they arrive, the live
 * metrics and a status line, read back from Kafka. Ends after {@code duration} or on
 * {@link #stop()} (Ctrl-C), and then stops everything it started.
 */
public final class Demo {

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
            TopicSetup.ensure(config, options.partitions(), (short) 1);
            LocalFlink flink = LocalFlink.create(config, options.parallelism());
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
            // What the last events raised becomes visible with the next committed checkpoint.
            Thread.sleep(2 * config.checkpoints().interval().toMillis());
        } finally {
            if (traffic != null) {
                traffic.close();
            }
            if (console != null) {
                console.close();
            }
            if (job != null) {
                cancel(job);
            }
            if (broker != null) {
                broker.close();
            }
            stopped.countDown();
        }
        out.println(options.ansi().bold("demo finished: ") + console.alertsByKind());
    }

    /** Asks a running demo to end (from a Ctrl-C hook), and waits until it has. */
    public void stop() throws InterruptedException {
        stopRequested.countDown();
        stopped.await(60, TimeUnit.SECONDS);
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
                .withSources(new SourcesConfig(sources.maxOutOfOrderness(), Duration.ofSeconds(10),
                        SourcesConfig.StartingOffsets.EARLIEST, sources.maxRecordBytes(), sources.maxFieldChars()));
    }

    /**
     * Cancels the jobs and waits until they have stopped. The local cluster shuts itself down
     * once its job has ended, so a job that is already gone (the cluster with it) counts as
     * stopped.
     */
    private static void cancel(JobClient job) throws Exception {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException stoppedOrGone) {
            // a cancelled job has no result (CancellationException is an IllegalStateException);
            // a finished one has no cluster left to ask
        }
    }
}
