package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.io.TopicLeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics that do not exist yet: the five inputs, the three outputs and
 * the dead letters. {@code cx.metrics.v1} is compacted, its last record per key (dimension, value,
 * window) being the truth; the rest keep the cluster's default retention. Idempotent: a topic
 * that exists is left as it is, also when another client creates it at the same moment.
 */
public final class TopicSetup {

    /** What {@link #ensureAll} found and did: each topic with its cleanup policy, and which were created. */
    public record Report(Map<String, String> policies, List<String> created) {}

    private TopicSetup() {}

    /** @return the topics it created (existing ones are left as they are) */
    public static List<String> ensure(CxPulseConfig config, int partitions, short replication) throws Exception {
        return ensureAll(config, partitions, replication).created();
    }

    public static Report ensureAll(CxPulseConfig config, int partitions, short replication) throws Exception {
        Map<String, String> policies = policies(config.topics());
        Properties admin = new Properties();
        admin.putAll(config.kafka().clientProperties());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            policies.forEach((topic, policy) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replication)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, policy)));
                }
            });
            CreateTopicsResult result = client.createTopics(missing);
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            TopicLeaders.await(client, created);
            return new Report(policies, created);
        }
    }

    /** Every contract topic, in the contract's order, with its cleanup policy. */
    static Map<String, String> policies(TopicsConfig t) {
        Map<String, String> policies = new LinkedHashMap<>();
        for (String topic : List.of(t.calls(), t.chats(), t.surveys(), t.shipments(), t.complaints(), t.alerts())) {
            policies.put(topic, TopicConfig.CLEANUP_POLICY_DELETE);
        }
        policies.put(t.metrics(), TopicConfig.CLEANUP_POLICY_COMPACT);
        policies.put(t.supplierShares(), TopicConfig.CLEANUP_POLICY_DELETE);
        policies.put(t.deadletter(), TopicConfig.CLEANUP_POLICY_DELETE);
        return policies;
    }
}
