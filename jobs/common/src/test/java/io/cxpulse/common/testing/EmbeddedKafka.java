package io.cxpulse.common.testing;

import io.cxpulse.common.io.TopicLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) inside the test JVM,
 * started from Kafka's own test kit once per test run and shared by every test class that
 * registers this extension:
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();
 * }</pre>
 *
 * <p>Helpers give each test fresh topics, produce raw records, and read a topic back
 * {@code read_committed} until an expected count or a deadline, without fixed sleeps.
 */
public final class EmbeddedKafka implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

    private static KafkaClusterTestKit cluster;
    private static Duration startupTime;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
        // Stop the broker when the test engine is done, before the JVM's shutdown hooks run:
        // Kafka's test kit deletes the broker's directories in a shutdown hook of its own, and a
        // broker still running then finds its log directory gone and halts the JVM, which
        // Failsafe reports as a fork that exited with an error after every test had passed.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(EmbeddedKafka.class, k -> (AutoCloseable) EmbeddedKafka::stop);
    }

    /** Stops the shared broker; the next {@link #start()} starts a new one. */
    public static synchronized void stop() {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Embedded Kafka did not stop cleanly", e);
        }
        cluster = null;
    }

    /**
     * Starts the shared broker if it is not running yet; stopped when the test engine is done
     * (see {@link #beforeAll}) or, for a caller outside JUnit, when the JVM exits.
     */
    public static synchronized void start() throws Exception {
        if (cluster != null) {
            return;
        }
        // A broker that hits a fatal error halts the JVM; in a test run that would kill the
        // test fork with every result unreported. Log it instead: the tests then fail on what
        // the broker no longer does.
        Exit.setHaltProcedure((code, message) -> LOG.error("embedded Kafka asked to halt ({}): {}", code, message));
        Exit.setExitProcedure((code, message) -> LOG.error("embedded Kafka asked to exit ({}): {}", code, message));
        long started = System.nanoTime();
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
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        cluster = kit;
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.warn("Embedded Kafka broker (KRaft) at {} started in {} ms", kit.bootstrapServers(), startupTime.toMillis());
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKafka::stop, "embedded-kafka-shutdown"));
    }

    public String bootstrapServers() {
        requireStarted();
        return cluster.bootstrapServers();
    }

    /** How long the shared broker took to start (format, start-up, ready). */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /** A topic-name prefix no other test uses: {@code t<n>-<random>-}. */
    public String freshPrefix() {
        return "t" + TOPIC_SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    public void createTopics(int partitions, Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(adminProperties())) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
            TopicLeaders.await(admin, topics);
        }
    }

    public Set<String> listTopics() throws Exception {
        try (Admin admin = Admin.create(adminProperties())) {
            return admin.listTopics().names().get();
        }
    }

    /**
     * Sends raw key/value records and waits until the broker has acknowledged all of them. A
     * record the producer could not deliver is not dropped: the undelivered ones (in practice the
     * tail of a partition) are sent again, in their order, by a fresh producer, up to three
     * times; then the test fails saying so, rather than waiting for output that cannot come.
     */
    public void produce(String topic, List<Map.Entry<byte[], byte[]>> records) throws Exception {
        List<Map.Entry<byte[], byte[]>> pending = records;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Map.Entry<byte[], byte[]>> failed = new ArrayList<>();
            Exception cause = sendAll(topic, pending, failed);
            if (failed.isEmpty()) {
                return;
            }
            if (attempt == 3) {
                throw new IllegalStateException(failed.size() + " records to " + topic + " not delivered", cause);
            }
            LOG.warn("{} of {} records to {} not delivered ({}); sending them again", failed.size(), pending.size(),
                    topic, cause.toString());
            pending = failed;
        }
    }

    private Exception sendAll(String topic, List<Map.Entry<byte[], byte[]>> records,
            List<Map.Entry<byte[], byte[]>> failed) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        Exception cause = null;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<byte[], byte[]> r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException | InterruptedException e) {
                    failed.add(records.get(i));
                    cause = cause == null ? e : cause;
                }
            }
        }
        return cause;
    }

    /**
     * Reads {@code topic} from the beginning as a {@code read_committed} consumer until at least
     * {@code expected} records have arrived or {@code deadline} has passed, and then for a short
     * quiet period more, so a test also sees records it did not expect (duplicates).
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration deadline) {
        return read(topic, deadline, records -> records.size() >= expected, Duration.ofSeconds(2));
    }

    /**
     * Reads {@code topic} from the beginning as a {@code read_uncommitted} consumer until at
     * least {@code expected} records, committed or not, have been written (or the deadline): a
     * test sees what a job has produced into a transaction still open.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic, int expected, Duration deadline) {
        return read(topic, deadline, records -> records.size() >= expected, Duration.ZERO, "read_uncommitted");
    }

    /** Reads committed records until {@code done} holds for what was read so far, or the deadline passes. */
    public List<ConsumerRecord<byte[], byte[]>> read(
            String topic, Duration deadline, Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration quiet) {
        return read(topic, deadline, done, quiet, "read_committed");
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, Duration deadline,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration quiet, String isolationLevel) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (quietUntil == Long.MAX_VALUE && done.test(out)) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return out;
    }

    public Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    private static void requireStarted() {
        if (cluster == null) {
            throw new IllegalStateException("EmbeddedKafka is not started: register it with @RegisterExtension");
        }
    }
}
