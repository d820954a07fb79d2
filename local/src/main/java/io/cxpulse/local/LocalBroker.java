package io.cxpulse.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one combined broker and controller) inside this JVM, on
 * free loopback ports, its data in a temporary directory that goes when it stops: Kafka's own
 * server, from the Maven Central jars bundled in the app, nothing to install. For {@code demo}
 * and {@code bench}; production runs against a real cluster.
 *
 * <p>Both its listeners bind 127.0.0.1: the demo's broker holds customer data and takes
 * writes from anyone who reaches it, so it must not be reachable from another host. (Kafka's
 * test kit binds its listeners to every interface, whatever host they name.)
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private boolean closed;

    private LocalBroker(KafkaRaftServer server, Path directory, String bootstrapServers) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats and starts a broker, and returns when it accepts clients. */
    public static LocalBroker start() throws Exception {
        Path directory = Files.createTempDirectory("cxpulse-kafka-");
        int brokerPort = freePort();
        int controllerPort = freePort();
        String logDir = directory.resolve("log").toString();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":"
                + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir);
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        KafkaRaftServer server;
        try {
            format(logDir);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            deleteRecursively(directory);
            throw e;
        }
        LocalBroker broker = new LocalBroker(server, directory, LOOPBACK + ":" + brokerPort);
        try {
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (Exception e) {
            broker.close();
            throw e;
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
     * Writes the broker's metadata log: a new cluster id, the current metadata version. Kafka's
     * format step prints to standard output, which would be the first thing a demo user reads;
     * it goes to the log instead.
     */
    private static void format(String logDir) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(captured, true, StandardCharsets.UTF_8))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        LOG.debug("kafka format: {}", captured.toString(StandardCharsets.UTF_8).strip());
    }

    private void awaitReady(Duration patience) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + patience.toNanos();
        try (Admin client = Admin.create(admin)) {
            while (true) {
                try {
                    if (!client.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the local Kafka broker did not start within " + patience,
                                notYet);
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker, then deletes its directories. Idempotent. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
