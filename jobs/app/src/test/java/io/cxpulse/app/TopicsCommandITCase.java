package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.TopicsConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.testing.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxpulse topics} on a real broker: every contract topic with its partitions, cleanup
 * policy and retention; a second run creates nothing and changes nothing.
 */
class TopicsCommandITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path dir;

    @Test
    void createsEveryContractTopicWithItsPolicyAndRetentionOnceOnly() throws Exception {
        String prefix = KAFKA.freshPrefix();
        TopicsConfig t = TopicsConfig.CONTRACT.withPrefix(prefix);
        Path config = Files.writeString(dir.resolve("cxpulse.yaml"), t.yamlSection());

        CliRun first = CliRun.of("topics", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config", config.toString(),
                "--partitions", "3", "--input-retention", "2d");
        CliRun second = CliRun.of("topics", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config",
                config.toString(), "--partitions", "5", "--input-retention", "1d");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("topics: 11 created, 0 already there")
                .contains(prefix + "cx.metrics.v1").containsPattern(prefix + "cx\\.calls\\.v1 +delete, 2d +created");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("topics: 0 created, 11 already there");
        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            List<String> inputs = List.of(t.calls(), t.chats(), t.surveys(), t.shipments(), t.complaints());
            List<String> deleting = List.of(t.alerts(), t.supplierShares(), t.interactions(), t.deadletter());
            for (String topic : inputs) {
                assertThat(settings(admin, topic)).as(topic)
                        .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "172800000");
            }
            for (String topic : deleting) {
                assertThat(settings(admin, topic)).as(topic)
                        .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "2592000000");
            }
            assertThat(settings(admin, t.metrics())).containsEntry("cleanup.policy", "compact");
            assertThat(settings(admin, t.alertActions())).containsEntry("cleanup.policy", "compact");
            assertThat(settings(admin, t.deadletter())).as("the largest dead letter of the default 256 KiB payload limit")
                    .containsEntry("max.message.bytes", Integer.toString(DeadLetter.maxRecordBytes(256 * 1024)));
            Map<String, TopicDescription> described = admin.describeTopics(List.of(t.calls(), t.metrics(), t.deadletter()))
                    .allTopicNames().get();
            assertThat(described.values()).as("partitions, from the first run").allSatisfy(d ->
                    assertThat(d.partitions()).hasSize(3));
        }
    }

    private static Map<String, String> settings(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.entries().stream().collect(Collectors.toMap(e -> e.name(), e -> String.valueOf(e.value())));
    }
}
