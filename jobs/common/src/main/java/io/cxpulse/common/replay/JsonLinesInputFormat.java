package io.cxpulse.common.replay;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.validate.ValidationRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads one replay file (JSON Lines, CONTRACT.md) as {@link Ingested} records: each non-blank
 * line is mapped onto the input's record and validated like a Kafka record; a line that fails
 * becomes a dead letter naming the file, the 1-based line number and the reason, and the rest
 * of the file is still read. Blank lines carry nothing and are skipped.
 *
 * <p>Not splittable: one reader reads a file from the start, so line numbers are exact (a
 * restored reader re-reads and skips, and counts lines as it goes).
 */
public final class JsonLinesInputFormat<T extends SpecificRecordBase> extends SimpleStreamFormat<Ingested<T>> {

    private static final long serialVersionUID = 1L;

    private final InputTopic<T> input;
    private final ValidationRules rules;
    private final String job;

    public JsonLinesInputFormat(InputTopic<T> input, ValidationRules rules, String job) {
        this.input = input;
        this.rules = rules;
        this.job = job;
    }

    @Override
    public StreamFormat.Reader<Ingested<T>> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        JsonRecordMapper<T> mapper = JsonRecordMapper.forClass(input.recordClass());
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public Ingested<T> read() throws IOException {
                String line;
                while ((line = lines.readLine()) != null) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        return ingest(mapper, line, lineNumber);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    Ingested<T> ingest(JsonRecordMapper<T> mapper, String line, long lineNumber) {
        try {
            T record = mapper.read(line);
            input.validator().validate(record, rules);
            return Ingested.ok(record);
        } catch (InvalidRecordException e) {
            return Ingested.dead(DeadLetter.of(input.replayFile(), DeadLetter.NO_PARTITION, lineNumber, null,
                    line.getBytes(StandardCharsets.UTF_8), job, e));
        }
    }

    @Override
    public TypeInformation<Ingested<T>> getProducedType() {
        return Ingested.typeInfo(input.recordClass());
    }
}
