package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.local.TopicSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse topics}: creates the contract's topics that are missing, idempotently. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates every contract topic that does not exist yet (names from --config), with its partitions,"
                + " cleanup policy and retention: cx.metrics.v1 compacted (the last record per key is the truth), the"
                + " others deleting records older than their retention. Existing topics are left as they are, so it can"
                + " run before every start.")
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

    @Option(names = "--input-retention", defaultValue = "7d", paramLabel = "DURATION",
            description = "Retention of the five input topics (default: ${DEFAULT-VALUE}).")
    String inputRetention;

    @Option(names = "--output-retention", defaultValue = "30d", paramLabel = "DURATION",
            description = "Retention of cx.alerts.v1, cx.supplier-shares.v1, cx.interactions.v1 and cx.deadletter.v1 "
                    + "(default: ${DEFAULT-VALUE}).")
    String outputRetention;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1 || replication < 1) {
            throw new UsageException("--partitions and --replication-factor must be at least 1");
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        if (bootstrapServers != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
        }
        TopicSetup.Retention retention;
        try {
            retention = new TopicSetup.Retention(ConfigLoader.parseDuration(inputRetention),
                    ConfigLoader.parseDuration(outputRetention));
        } catch (RuntimeException e) {
            throw new UsageException("--input-retention and --output-retention take a positive duration (7d, 12h, PT36H)");
        }
        TopicSetup.Report report = TopicSetup.ensureAll(config, partitions, replication, retention);
        PrintWriter out = spec.commandLine().getOut();
        report.settings().forEach((topic, settings) -> out.printf("%-32s %-28s %s%n", topic, describe(settings),
                report.created().contains(topic) ? "created" : "exists, left as it is"));
        out.printf("topics: %d created, %d already there%n", report.created().size(),
                report.settings().size() - report.created().size());
        out.flush();
        return 0;
    }

    /** {@code delete, 7d}, {@code delete, PT12H} or {@code compact}. */
    private static String describe(Map<String, String> settings) {
        String retention = settings.get("retention.ms");
        if (retention == null) {
            return settings.get("cleanup.policy");
        }
        Duration d = Duration.ofMillis(Long.parseLong(retention));
        return settings.get("cleanup.policy") + ", " + (d.toHoursPart() == 0 && d.toSecondsPart() == 0
                && d.toMinutesPart() == 0 && d.toMillisPart() == 0 ? d.toDays() + "d" : d.toString());
    }
}
