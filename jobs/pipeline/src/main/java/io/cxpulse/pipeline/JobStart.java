package io.cxpulse.pipeline;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.config.Secrets;
import io.cxpulse.common.config.TopicsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the cluster job starts from: its program arguments and environment variables read into
 * the configuration, and the lines that tell an operator what it will run against.
 *
 * <p>Arguments: {@code --config-file FILE} (the YAML, a path on the JobManager: a mounted
 * ConfigMap in Kubernetes) and {@code --bootstrap-servers HOST:PORT}; both optional. Not
 * {@code --config}: in application mode Flink's entry point reads the job's arguments after its
 * own, and takes {@code --config} for its {@code --configDir} (it accepts a prefix of an option),
 * so the job would start without it. The environment adds
 * what {@link ConfigLoader} reads ({@code CXPULSE_KAFKA_*}, {@code CXPULSE_SCHEMA_REGISTRY_*},
 * {@code ${VAR}} in the file): where secrets come from. Anything else is refused, so a
 * submission whose arguments went astray (Flink's REST API ignores {@code programArgs} and
 * takes {@code programArgsList}) is told so, instead of running on defaults.
 */
public record JobStart(CxPulseConfig config, Pipelines.JobConfigs jobs, Path configFile, String bootstrapOrigin) {

    public static final String USAGE = "usage: CxPulseJob [--config-file FILE] [--bootstrap-servers HOST:PORT]";

    private static final String BOOTSTRAP_ENV = "CXPULSE_KAFKA_BOOTSTRAP_SERVERS";

    /**
     * @throws IllegalArgumentException on an argument it does not know, or one without its value
     * @throws IOException when the configuration file cannot be read or is invalid
     */
    public static JobStart parse(String[] args, Map<String, String> env) throws IOException {
        Path configFile = null;
        String bootstrap = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--config-file") || arg.equals("--bootstrap-servers")) && i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
            }
            switch (arg) {
                case "--config-file" -> configFile = Path.of(args[++i]);
                case "--bootstrap-servers" -> bootstrap = args[++i];
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new IOException("configuration file " + configFile + " does not exist or is not readable"
                    + " (the path is read where the job's main runs: the JobManager)");
        }
        CxPulseConfig config = ConfigLoader.load(configFile, env);
        String origin;
        if (bootstrap != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrap));
            origin = "--bootstrap-servers";
        } else if (env.containsKey(BOOTSTRAP_ENV)) {
            origin = BOOTSTRAP_ENV;
        } else if (configFile != null) {
            origin = configFile.toString();
        } else {
            origin = "default: no --config-file, --bootstrap-servers or " + BOOTSTRAP_ENV + " given";
        }
        Pipelines.JobConfigs jobs =
                configFile == null ? Pipelines.JobConfigs.DEFAULTS : Pipelines.JobConfigs.read(configFile);
        return new JobStart(config, jobs, configFile, origin);
    }

    /** The effective Kafka servers, client properties (secrets masked), topics and checkpoints. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("configuration: " + (configFile == null
                ? "no --config-file given, defaults and environment variables only" : configFile.toString()));
        lines.add("kafka.bootstrap-servers: " + config.kafka().bootstrapServers() + " (" + bootstrapOrigin + ")");
        lines.add("kafka.properties: " + Secrets.masked(config.kafka().properties()));
        TopicsConfig t = config.topics();
        lines.add("topics in: " + String.join(", ", t.calls(), t.chats(), t.surveys(), t.shipments(), t.complaints())
                + "; out: " + String.join(", ", t.alerts(), t.metrics(), t.supplierShares())
                + "; dead letters: " + t.deadletter());
        lines.add("consumer group: " + config.kafka().groupIdPrefix() + "-" + Pipelines.ALL_JOBS
                + "; transactional ids: " + config.kafka().transactionalIdPrefix() + "-" + Pipelines.ALL_JOBS
                + "-*; transaction timeout: " + config.kafka().transactionTimeout());
        lines.add("checkpoints: every " + config.checkpoints().interval() + " to "
                + (config.checkpoints().directory() == null
                        ? "the cluster's execution.checkpointing.dir" : config.checkpoints().directory()));
        return lines;
    }
}
