package io.cxpulse.common.replay;

import static io.cxpulse.common.serde.DeadLetterReason.OVERSIZED;
import static io.cxpulse.common.serde.DeadLetterReason.UNDECODABLE;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.text.Utf8Check;
import io.cxpulse.common.validate.IngestLimits;
import java.io.IOException;
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
 * <p>Lines are held to the same limits as Kafka records ({@link IngestLimits}): a line longer
 * than {@code max-record-bytes} is streamed past, never held, and is an {@code OVERSIZED} dead
 * letter with its size and SHA-256; a line that is not well-formed UTF-8 is {@code UNDECODABLE}
 * (decoding it would replace bytes with U+FFFD and make different ids equal).
 *
 * <p>Not splittable: one reader reads a file from the start, so line numbers are exact (a
 * restored reader re-reads and skips, and counts lines as it goes).
 */
public final class JsonLinesInputFormat<T extends SpecificRecordBase> extends SimpleStreamFormat<Ingested<T>> {

    private static final long serialVersionUID = 2L;

    private final InputTopic<T> input;
    private final IngestLimits limits;
    private final String job;

    public JsonLinesInputFormat(InputTopic<T> input, IngestLimits limits, String job) {
        this.input = input;
        this.limits = limits;
        this.job = job;
    }

    @Override
    public StreamFormat.Reader<Ingested<T>> createReader(Configuration config, FSDataInputStream stream) {
        BoundedLineReader lines = new BoundedLineReader(stream, limits.maxRecordBytes(),
                limits.deadLetterPayloadBytes());
        JsonRecordMapper<T> mapper = JsonRecordMapper.forClass(input.recordClass());
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public Ingested<T> read() throws IOException {
                BoundedLineReader.Line line;
                while ((line = lines.next()) != null) {
                    lineNumber++;
                    if (line.tooLong()) {
                        return dead(new DeadLetter.Payload(line.bytes(), line.size(), line.sha256()), lineNumber,
                                new InvalidRecordException(OVERSIZED, "line of " + line.size() + " bytes, limit "
                                        + limits.maxRecordBytes()));
                    }
                    if (!isBlank(line.bytes())) {
                        return ingest(mapper, line.bytes(), lineNumber);
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    Ingested<T> ingest(JsonRecordMapper<T> mapper, byte[] line, long lineNumber) {
        try {
            int malformed = Utf8Check.firstMalformed(line, 0, line.length);
            if (malformed >= 0) {
                throw new InvalidRecordException(UNDECODABLE, "not UTF-8: an ill-formed byte sequence at byte "
                        + (malformed + 1) + String.format(" (0x%02X)", line[malformed] & 0xFF));
            }
            T record = mapper.read(new String(line, StandardCharsets.UTF_8));
            input.validator().validate(record, limits.rules());
            return Ingested.ok(record);
        } catch (InvalidRecordException e) {
            return dead(DeadLetter.Payload.of(line, limits.deadLetterPayloadBytes()), lineNumber, e);
        }
    }

    private Ingested<T> dead(DeadLetter.Payload payload, long lineNumber, InvalidRecordException e) {
        return Ingested.dead(DeadLetter.of(input.replayFile(), DeadLetter.NO_PARTITION, lineNumber, null, payload,
                job, e));
    }

    /** Only spaces, tabs or a carriage return: what {@link String#isBlank()} would skip of ASCII. */
    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r' && b != 0x0B && b != '\f') {
                return false;
            }
        }
        return true;
    }

    @Override
    public TypeInformation<Ingested<T>> getProducedType() {
        return Ingested.typeInfo(input.recordClass());
    }
}
