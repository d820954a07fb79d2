package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.io.TopicLeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the contract's topics that do not exist yet: the five inputs, the three outputs, the
 * dead letters and the console's alert actions. {@code cx.metrics.v1} and
 * {@code cx.alert-actions.v1} are compacted, their last record per key being the truth; the rest
 * keep Kafka's default retention.
 */
public final class TopicSetup {

    private TopicSetup() {}

    /** @return the topics it created (existing ones are left as they are) */
    public static List<String> ensure(CxPulseConfig config, int partitions, short replication) throws Exception {
        TopicsConfig t = config.topics();
        Properties admin = new Properties();
        admin.putAll(config.kafka().clientProperties());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(t.calls(), t.chats(), t.surveys(), t.shipments(), t.complaints(), t.alerts(),
                    t.supplierShares(), t.deadletter())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replication));
                }
            }
            for (String compacted : List.of(t.metrics(), t.alertActions())) {
                if (!existing.contains(compacted)) {
                    missing.add(new NewTopic(compacted, partitions, replication)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            client.createTopics(missing).all().get();
            List<String> created = missing.stream().map(NewTopic::name).toList();
            TopicLeaders.await(client, created);
            return created;
        }
    }
}
