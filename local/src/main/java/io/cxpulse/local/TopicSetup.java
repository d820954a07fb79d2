package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.TopicLeaders;
import java.time.Duration;
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
 * Creates the contract's topics that do not exist yet: the five inputs, the four outputs, the
 * dead letters and the console's alert actions, each with its cleanup policy and retention
 * ({@link Retention}). {@code cx.metrics.v1} and {@code cx.alert-actions.v1} are compacted, their
 * last record per key (dimension, value, window; alert id) being the truth, and kept without a
 * time limit; the other topics delete what is older than their retention. The dead-letter topic
 * takes the largest dead letter the configured payload limit allows. Idempotent: a topic that exists is left as it is, also when another client creates
 * it at the same moment.
 */
public final class TopicSetup {

    /**
     * How long records are kept on the topics that delete old records.
     *
     * @param inputs the five input topics (default 7 days, Kafka's own default, said explicitly):
     *     what a job started afresh, or a replay from the topics, can read back
     * @param outputs alerts, closed interactions, supplier shares and dead letters (default 30
     *     days): what the console, BI loads and people triaging dead letters read back
     */
    public record Retention(Duration inputs, Duration outputs) {

        public static final Retention DEFAULTS = new Retention(Duration.ofDays(7), Duration.ofDays(30));

        public Retention {
            if (inputs.isNegative() || inputs.isZero() || outputs.isNegative() || outputs.isZero()) {
                throw new IllegalArgumentException("retention must be positive");
            }
        }
    }

    /** What {@link #ensureAll} found and did: each topic with the settings it is created with, and which were created. */
    public record Report(Map<String, Map<String, String>> settings, List<String> created) {}

    private TopicSetup() {}

    /** @return the topics it created (existing ones are left as they are) */
    public static List<String> ensure(CxPulseConfig config, int partitions, short replication) throws Exception {
        return ensureAll(config, partitions, replication, Retention.DEFAULTS).created();
    }

    public static Report ensureAll(CxPulseConfig config, int partitions, short replication, Retention retention)
            throws Exception {
        Map<String, Map<String, String>> settings = settings(config, retention);
        Properties admin = new Properties();
        admin.putAll(config.kafka().clientProperties());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            settings.forEach((topic, configs) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replication).configs(configs));
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
            return new Report(settings, created);
        }
    }

    /** Every contract topic, in the contract's order, with its cleanup policy and retention. */
    static Map<String, Map<String, String>> settings(CxPulseConfig config, Retention retention) {
        TopicsConfig t = config.topics();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String input : List.of(t.calls(), t.chats(), t.surveys(), t.shipments(), t.complaints())) {
            settings.put(input, deleting(retention.inputs()));
        }
        settings.put(t.alerts(), deleting(retention.outputs()));
        settings.put(t.metrics(), compacted);
        settings.put(t.supplierShares(), deleting(retention.outputs()));
        settings.put(t.interactions(), deleting(retention.outputs()));
        Map<String, String> deadLetters = new LinkedHashMap<>(deleting(retention.outputs()));
        deadLetters.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(DeadLetter.maxRecordBytes(config.sources().deadLetterPayloadBytes())));
        settings.put(t.deadletter(), Map.copyOf(deadLetters));
        settings.put(t.alertActions(), compacted);
        return settings;
    }

    private static Map<String, String> deleting(Duration retention) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
}
