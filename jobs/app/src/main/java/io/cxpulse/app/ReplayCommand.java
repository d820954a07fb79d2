package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.pipeline.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cxpulse replay}: runs the pipelines over JSON Lines files instead of Kafka. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs every CX Pulse pipeline over a directory of JSON Lines files (calls.jsonl, chats.jsonl,"
                    + " surveys.jsonl, shipments.jsonl, complaints.jsonl; any may be absent), on event time,"
                    + " and writes alerts.jsonl, metrics.jsonl, supplier-shares.jsonl and deadletter.jsonl.",
            "Lines that do not fit their record go to deadletter.jsonl with file, line number and reason;"
                    + " the rest is still processed. The end of input closes every window."
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory with the input .jsonl files.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the output .jsonl files (created).")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (thresholds, time bounds).")
    Path configFile;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw new UsageException("input directory " + input + " does not exist or is not a directory");
        }
        if (!Files.isReadable(input)) {
            throw new UsageException("input directory " + input + " is not readable");
        }
        for (InputTopic<?> topic : InputTopic.ALL) {
            ReplayFiles.readableInput(input.resolve(topic.replayFile()));
        }
        if (parallelism < 1) {
            throw new UsageException("--parallelism must be at least 1");
        }
        CxPulseConfig config = CommandConfig.load(configFile);
        Pipelines.JobConfigs jobs = CommandConfig.jobs(configFile);
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UsageException("cannot create output directory " + output + ": " + e.getMessage());
        }
        ReplaySummary summary;
        try {
            summary = new Replay(config, jobs, input, output, parallelism).run();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            spec.commandLine().getErr().println("cxpulse: replay failed: " + root);
            return 1;
        }
        spec.commandLine().getOut().println(summary.render());
        return 0;
    }
}
