package io.cxpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.replay.DeadLetterJson;
import io.cxpulse.common.replay.JsonLinesFileSink;
import io.cxpulse.common.replay.ReplayInputs;
import io.cxpulse.common.runtime.FlinkSettings;
import io.cxpulse.common.time.LateEvents;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.pipeline.PipelineOutputs;
import io.cxpulse.pipeline.Pipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded run of the pipelines over a replay directory, on a local Flink MiniCluster in this
 * process. The same pipeline graph as live: only the inputs ({@link ReplayInputs}) and the
 * outputs (JSON Lines files) differ.
 */
final class Replay {

    static final String JOB = "replay";
    static final String DEAD_LETTER_FILE = "deadletter.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CxPulseConfig config;
    private final Pipelines.JobConfigs jobs;
    private final Path inputDir;
    private final Path outputDir;
    private final int parallelism;

    Replay(CxPulseConfig config, Pipelines.JobConfigs jobs, Path inputDir, Path outputDir, int parallelism) {
        this.config = config;
        this.jobs = jobs;
        this.inputDir = inputDir;
        this.outputDir = outputDir;
        this.parallelism = parallelism;
    }

    ReplaySummary run() throws Exception {
        Configuration flink = FlinkSettings.toConfiguration(config);
        // A bounded run that fails must say so, not restart forever; with no restart there is
        // nothing to recover, so no checkpoints either (they only cost: the state of a large
        // replay outgrows the in-memory checkpoint storage's 5 MiB and failed the run).
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        flink.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        LocalFlink.lockDown(flink, LocalFlink.LOOPBACK);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        ReplayInputs inputs = new ReplayInputs(env, config, inputDir, JOB);

        PipelineOutputs outputs = Pipelines.attachAll(inputs, jobs, true);
        writeAll(outputs.alerts(), OutputTopic.ALERTS);
        writeAll(outputs.metrics(), OutputTopic.METRICS);
        writeAll(outputs.supplierShares(), OutputTopic.SUPPLIER_SHARES);
        writeAll(List.of(outputs.interactions()), OutputTopic.INTERACTIONS);
        // Unreadable lines and events too late for their window: both dead letters, one file.
        Pipelines.union(Pipelines.deadLetters(inputs, outputs))
                .sinkTo(new JsonLinesFileSink<DeadLetter>(outputDir.resolve(DEAD_LETTER_FILE), Replay::deadLetterLine))
                .setParallelism(1)
                .name("Write " + DEAD_LETTER_FILE)
                .uid("dead-letter-file-sink");

        JobExecutionResult result = env.execute("cxpulse-replay");
        // Every output file exists afterwards, even when no pipeline wrote to it.
        for (String file : outputFiles()) {
            Path path = outputDir.resolve(file);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                ReplayFiles.writeEmpty(path);
            }
        }
        return summarize(result);
    }

    /**
     * A dead letter as a line of {@code deadletter.jsonl}: an unreadable line as {@link
     * DeadLetterJson} writes it; an event set aside as too late with {@code source}, {@code
     * reason} ({@code LATE}), {@code error_class}, {@code error_message}, {@code job} and, as
     * {@code late}, the JSON object that describes it.
     */
    static String deadLetterLine(DeadLetter d) {
        if (!d.late()) {
            return DeadLetterJson.format(d);
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("source", d.source);
        node.put("reason", d.reason);
        node.put("error_class", d.errorClass);
        node.put("error_message", d.errorMessage);
        node.put("job", d.job);
        try {
            node.set("late", JSON.readTree(d.value));
        } catch (IOException e) {
            node.put("raw", new String(d.value, StandardCharsets.UTF_8));
        }
        return node.toString();
    }

    private <T extends SpecificRecordBase> void writeAll(List<DataStream<T>> streams, OutputTopic<T> output) {
        if (streams.isEmpty()) {
            return;
        }
        DataStream<T> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        all.sinkTo(JsonLinesFileSink.forRecords(outputDir.resolve(output.replayFile()), output.recordClass()))
                .setParallelism(1)
                .name("Write " + output.replayFile())
                .uid(output.name() + "-file-sink");
    }

    private ReplaySummary summarize(JobExecutionResult result) throws IOException {
        Map<String, ReplaySummary.InputCounts> inputs = new LinkedHashMap<>();
        for (InputTopic<?> input : InputTopic.ALL) {
            if (!Files.isRegularFile(inputDir.resolve(input.replayFile()), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            inputs.put(input.replayFile(), new ReplaySummary.InputCounts(
                    counter(result, input.name() + ".in"),
                    counter(result, input.name() + ".deadLetters"),
                    counter(result, input.name() + ".duplicates")));
        }
        // What the run wrote is counted, never parsed again: a line may be as long as the input's.
        Map<String, Long> outputs = new LinkedHashMap<>();
        for (String file : outputFiles()) {
            outputs.put(file, ReplayFiles.countLines(outputDir.resolve(file)));
        }
        return new ReplaySummary(inputs, outputs, LateEvents.fromAccumulators(result.getAllAccumulatorResults()),
                outputDir);
    }

    private static List<String> outputFiles() {
        List<String> files = new ArrayList<>();
        for (OutputTopic<?> output : OutputTopic.ALL) {
            files.add(output.replayFile());
        }
        files.add(DEAD_LETTER_FILE);
        return files;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0L : (Long) value;
    }
}
