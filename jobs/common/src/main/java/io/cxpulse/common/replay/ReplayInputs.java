package io.cxpulse.common.replay;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.PipelineInputs;
import io.cxpulse.common.time.Watermarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Inputs read from a replay directory ({@code calls.jsonl}, {@code chats.jsonl}, ...; any may
 * be absent; one that is there must be a regular file, not a link). Bounded: when a file is read to its end its watermark jumps to the end of time,
 * which closes every open window and fires every pending timer, as the contract asks.
 */
public final class ReplayInputs extends PipelineInputs {

    private final Path directory;
    private final String job;
    private Path emptyFile;

    public ReplayInputs(StreamExecutionEnvironment env, CxPulseConfig config, Path directory, String job) {
        super(env, config);
        this.directory = directory;
        this.job = job;
    }

    @Override
    protected <T extends SpecificRecordBase> DataStream<Ingested<T>> ingest(InputTopic<T> input) {
        Path file = directory.resolve(input.replayFile());
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            // An absent input reads as an empty file: same source, same graph, no special case.
            file = emptyFile();
        } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // never followed or read: a link to /proc/self/environ would copy the environment
            throw new IllegalArgumentException("replay input " + file
                    + " is not a regular file (a symbolic link, directory, FIFO or device)");
        }
        FileSource<Ingested<T>> source = FileSource.forRecordStreamFormat(
                        new JsonLinesInputFormat<>(input, config.sources().ingestLimits(), job),
                        new org.apache.flink.core.fs.Path(file.toUri()))
                .build();
        return env.fromSource(source, Watermarks.forInput(input, config.sources()), "Read " + input.replayFile())
                .uid(input.name() + "-source");
    }

    private Path emptyFile() {
        if (emptyFile == null) {
            try {
                emptyFile = Files.createTempFile("cxpulse-absent-input", ".jsonl");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            emptyFile.toFile().deleteOnExit();
        }
        return emptyFile;
    }
}
