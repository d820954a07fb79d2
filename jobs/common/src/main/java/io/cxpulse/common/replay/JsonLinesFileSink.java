package io.cxpulse.common.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes a bounded stream as one JSON Lines file, the replay output format of CONTRACT.md.
 * Runs at parallelism 1 (the file is one file). Lines go to a new file beside the target, which
 * replaces the target when the input ends (so a replay with nothing to say still leaves an empty
 * output, a symbolic link at the target is replaced rather than followed, and a failed run leaves
 * no half-written output). Meant for bounded replays, which are simply run again after a
 * failure: it makes no exactly-once promise.
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
        Path directory = path.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // A new file beside the target (created exclusively, never through a link), moved into
        // place when the input ends: a symbolic link planted at the target is replaced, its
        // target never written, and a failed run leaves the previous output as it was.
        Path partial = Files.createTempFile(directory, "." + path.getFileName() + ".", ".partial");
        // Text is made safe where it is produced; a character that still cannot be encoded is
        // replaced rather than failing the run and losing every line after it.
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS), encoder));
        return new SinkWriter<>() {
            private boolean moved;

            @Override
            public void write(T element, Context ctx) throws IOException {
                writer.write(format.apply(element));
                writer.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
                if (endOfInput && !moved) {
                    writer.close();
                    Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    moved = true;
                }
            }

            @Override
            public void close() throws IOException {
                writer.close();
                if (!moved) {
                    Files.deleteIfExists(partial);
                }
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
