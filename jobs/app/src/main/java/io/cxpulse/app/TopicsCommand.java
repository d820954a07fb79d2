package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.local.TopicSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse topics}: creates the contract's topics that are missing, idempotently. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates every contract topic that does not exist yet (names from --config), with its partitions"
                + " and cleanup policy (cx.metrics.v1 compacted); existing topics are left as they are, so it can run"
                + " before every start.")
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (overrides the configuration).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (Kafka security, topic names).")
    Path configFile;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of a new topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replicas of a new topic (default: ${DEFAULT-VALUE}; 3 on a production cluster).")
    short replication;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1 || replication < 1) {
            throw new UsageException("--partitions and --replication-factor must be at least 1");
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        if (bootstrapServers != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
        }
        TopicSetup.Report report = TopicSetup.ensureAll(config, partitions, replication);
        PrintWriter out = spec.commandLine().getOut();
        report.policies().forEach((topic, policy) -> out.printf("%-32s %-8s %s%n", topic, policy,
                report.created().contains(topic) ? "created" : "exists"));
        out.printf("topics: %d created, %d already there%n", report.created().size(),
                report.policies().size() - report.created().size());
        out.flush();
        return 0;
    }
}
