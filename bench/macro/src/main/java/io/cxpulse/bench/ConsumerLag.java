package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind the input topics: end offsets minus the offsets the group
 * committed (Flink commits them on each checkpoint, so this moves in checkpoint steps).
 */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final Set<String> topics;

    public ConsumerLag(CxPulseConfig config, String group) {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        this.admin = Admin.create(p);
        this.group = group;
        this.topics = new java.util.HashSet<>();
        for (InputTopic<?> input : InputTopic.ALL) {
            topics.add(config.topics().of(input));
        }
    }

    public long records() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
                admin.listOffsets(request).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
