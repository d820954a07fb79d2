package io.cxpulse.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one combined broker and controller) inside this JVM, on
 * free local ports, its data in a temporary directory that goes when it stops. Kafka's own
 * cluster kit starts it, from the Maven Central jars bundled in the app: nothing to install.
 * For {@code demo} and {@code bench}; production runs against a real cluster.
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    private final KafkaClusterTestKit kit;
    private final List<Runnable> cleanUps;
    private boolean closed;

    private LocalBroker(KafkaClusterTestKit kit, List<Runnable> cleanUps) {
        this.kit = kit;
        this.cleanUps = cleanUps;
    }

    /** Formats and starts a broker, and returns when it accepts clients. */
    public static LocalBroker start() throws Exception {
        // The kit deletes the broker's directories in JVM shut-down hooks of its own. On Ctrl-C
        // those would run while the broker is still up, and the broker would fail (and hang the
        // jobs' transaction aborts) on its vanished log directory. They are collected instead
        // and run by close(), after the broker has stopped.
        List<Runnable> cleanUps = new ArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> {
            synchronized (cleanUps) {
                cleanUps.add(hook);
            }
        });
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        LocalBroker broker = new LocalBroker(kit, cleanUps);
        try {
            formatQuietly(kit);
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            broker.close();
            throw e;
        } finally {
            Exit.resetShutdownHookAdder();
        }
        // Whoever started the broker closes it; this is for a JVM that exits without doing so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                LOG.debug("closing the local broker at exit failed", e);
            }
        }, "cxpulse-local-broker-exit"));
        return broker;
    }

    /**
     * Kafka's format step prints its bootstrap metadata to standard output, which would be the
     * first thing a demo user reads; it goes to the log instead. Nothing else writes to standard
     * output this early in a run.
     */
    private static void formatQuietly(KafkaClusterTestKit kit) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            kit.format();
        } finally {
            System.setOut(stdout);
            LOG.debug("kafka format: {}", captured.toString(StandardCharsets.UTF_8).strip());
        }
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Stops the broker, then deletes its directories. Idempotent. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kit.close();
        } finally {
            List<Runnable> hooks;
            synchronized (cleanUps) {
                hooks = new ArrayList<>(cleanUps);
            }
            for (Runnable cleanUp : hooks) {
                cleanUp.run();
            }
        }
    }
}
