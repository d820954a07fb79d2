package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.replay.JsonRecordMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;

/** Writes simulated events as a replay input directory: one JSON Lines file per input. */
public final class DirectorySink implements TrafficSink {

    private final Map<InputTopic<?>, BufferedWriter> writers = new HashMap<>();
    private final Map<InputTopic<?>, JsonRecordMapper<SpecificRecordBase>> mappers = new HashMap<>();

    @SuppressWarnings("unchecked")
    public DirectorySink(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (InputTopic<?> input : InputTopic.ALL) {
            writers.put(input, Files.newBufferedWriter(directory.resolve(input.replayFile()), StandardCharsets.UTF_8));
            mappers.put(input, JsonRecordMapper.forClass((Class<SpecificRecordBase>) input.recordClass()));
        }
    }

    @Override
    public void send(SimEvent event) throws IOException {
        BufferedWriter out = writers.get(event.input());
        out.write(mappers.get(event.input()).write(event.record()));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        for (BufferedWriter out : writers.values()) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BufferedWriter out : writers.values()) {
            try {
                out.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
