package io.cxpulse.local;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker (KRaft, one combined broker and controller) inside this JVM, on
 * free local ports, its data in a temporary directory that goes when it stops. Kafka's own
 * cluster kit starts it, from the Maven Central jars bundled in the app: nothing to install.
 * For {@code demo} and {@code bench}; production runs against a real cluster.
 */
public final class LocalBroker implements AutoCloseable {

    private final KafkaClusterTestKit kit;

    private LocalBroker(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Formats and starts a broker, and returns when it accepts clients. */
    public static LocalBroker start() throws Exception {
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
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        return new LocalBroker(kit);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
