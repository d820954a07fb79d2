package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.ComplaintsJob;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.ExperienceJob;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.metrics.MetricsJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cxpulse run JOB}: one job on a local Flink, Kafka in and out, exactly once, until stopped. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs one CX Pulse job on a local Flink MiniCluster against Kafka until stopped (Ctrl-C)."
                + " In production, submit the jar to a Flink cluster with the job's main class instead.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "The job to run: experience, complaints or metrics.")
    String job;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to use (overrides the configuration).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        CxPulseConfig config = CommandConfig.load(configFile);
        if (bootstrapServers != null) {
            config = config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
        }
        StreamExecutionEnvironment env = FlinkSettings.environment(config);
        switch (job) {
            case ExperienceJob.NAME -> ExperienceJob.attach(env, config, ConfigLoader.section(
                    configFile, ExperienceJob.NAME, ExperienceConfig.class, ExperienceConfig.DEFAULTS, System.getenv()),
                    false);
            case ComplaintsJob.NAME -> ComplaintsJob.attach(env, config, ConfigLoader.section(
                    configFile, ComplaintsJob.NAME, ComplaintsConfig.class, ComplaintsConfig.DEFAULTS, System.getenv()),
                    false);
            case MetricsJob.NAME -> MetricsJob.attach(env, config, ConfigLoader.section(
                    configFile, MetricsJob.NAME, MetricsConfig.class, MetricsConfig.DEFAULTS, System.getenv()),
                    false);
            default -> throw new UsageException("unknown job '" + job + "' (known: experience, complaints, metrics)");
        }
        env.execute("cxpulse-" + job);
        return 0;
    }
}
