package io.cxpulse.common.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes a bounded stream as one JSON Lines file, the replay output format of CONTRACT.md.
 * Runs at parallelism 1 (the file is one file); the file is created (empty) when the job
 * starts, so a replay with nothing to say still leaves an empty output. Meant for bounded
 * replays, which are simply run again after a failure: it makes no exactly-once promise.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final SerializableFunction<T, String> format;

    public JsonLinesFileSink(Path file, SerializableFunction<T, String> format) {
        this.file = file.toAbsolutePath().toString();
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("JsonLinesFileSink must run at parallelism 1");
        }
        Path path = Paths.get(file);
        Files.createDirectories(path.getParent());
        BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                writer.write(format.apply(element));
                writer.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    /** Formats a record with {@link JsonRecordMapper}; one mapper per writer thread. */
    public static <R extends org.apache.avro.specific.SpecificRecordBase> JsonLinesFileSink<R> forRecords(
            Path file, Class<R> recordClass) {
        JsonRecordMapper<R> mapper = JsonRecordMapper.forClass(recordClass);
        return new JsonLinesFileSink<>(file, record -> {
            try {
                return mapper.write(record);
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException("cannot write " + recordClass.getSimpleName(), e));
            }
        });
    }
}
