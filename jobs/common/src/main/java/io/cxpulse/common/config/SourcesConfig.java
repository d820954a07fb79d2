package io.cxpulse.common.config;

import io.cxpulse.common.validate.IngestLimits;
import io.cxpulse.common.validate.ValidationRules;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * How inputs are read.
 *
 * @param maxOutOfOrderness how late (in event time) a record may arrive behind the newest one
 *     seen on its partition and still count as on time; the watermark trails by this much.
 *     Default 30 s.
 * @param idleness a partition silent for this long (processing time) stops holding the
 *     watermark back. Default 1 min.
 * @param startingOffsets where a job without a checkpoint starts: {@code committed} offsets of
 *     its consumer group, else {@code earliest} (the default); or {@code earliest}/{@code latest}
 * @param maxRecordBytes a Kafka record value larger than this is a dead letter ({@code OVERSIZED})
 *     without being decoded. Default 1 MiB (Kafka's default maximum message size).
 * @param maxFieldChars a string field longer than this is a dead letter. Default 16 Ki.
 * @param maxFutureSkew an {@code event_time} more than this ahead of the wall clock is a dead
 *     letter ({@code BAD_TIMESTAMP}, "in the future"), so one bad clock cannot move the watermark
 *     past everything else. Default 1 h, as Kafka's {@code message.timestamp.after.max.ms}.
 * @param deadLetterPayloadBytes a dead letter keeps at most this many bytes of the record
 *     (with its full size and SHA-256 in headers), so it always fits on the dead-letter topic
 *     whatever the input topic allows. Default 256 KiB.
 */
public record SourcesConfig(
        Duration maxOutOfOrderness,
        Duration idleness,
        StartingOffsets startingOffsets,
        Integer maxRecordBytes,
        Integer maxFieldChars,
        Duration maxFutureSkew,
        Integer deadLetterPayloadBytes) implements Serializable {

    public enum StartingOffsets {
        COMMITTED, EARLIEST, LATEST;

        /** Accepts the YAML spelling ({@code committed}) as well as the constant's name. */
        @JsonCreator
        public static StartingOffsets of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public SourcesConfig {
        maxOutOfOrderness = maxOutOfOrderness == null ? Duration.ofSeconds(30) : maxOutOfOrderness;
        idleness = idleness == null ? Duration.ofMinutes(1) : idleness;
        startingOffsets = startingOffsets == null ? StartingOffsets.COMMITTED : startingOffsets;
        maxRecordBytes = maxRecordBytes == null ? 1 << 20 : maxRecordBytes;
        maxFieldChars = maxFieldChars == null ? ValidationRules.DEFAULT.maxFieldChars() : maxFieldChars;
        maxFutureSkew = maxFutureSkew == null ? ValidationRules.DEFAULT_MAX_FUTURE_SKEW : maxFutureSkew;
        deadLetterPayloadBytes = deadLetterPayloadBytes == null ? DEFAULT_DEAD_LETTER_PAYLOAD_BYTES
                : deadLetterPayloadBytes;
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("sources.max-out-of-orderness must not be negative");
        }
        if (idleness.isNegative() || idleness.isZero()) {
            throw new IllegalArgumentException("sources.idleness must be positive");
        }
        if (maxRecordBytes <= 0 || maxFieldChars <= 0) {
            throw new IllegalArgumentException("sources.max-record-bytes and max-field-chars must be positive");
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("sources.max-future-skew must not be negative");
        }
        if (deadLetterPayloadBytes < 1024 || deadLetterPayloadBytes > MAX_DEAD_LETTER_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("sources.dead-letter-payload-bytes must be between 1024 and "
                    + MAX_DEAD_LETTER_PAYLOAD_BYTES);
        }
    }

    /** Default of {@code dead-letter-payload-bytes}: 256 KiB. */
    public static final int DEFAULT_DEAD_LETTER_PAYLOAD_BYTES = 256 * 1024;

    /** The most a dead letter may keep: 8 MiB (its topic and producer are sized to match). */
    public static final int MAX_DEAD_LETTER_PAYLOAD_BYTES = 8 << 20;

    public static SourcesConfig defaults() {
        return new SourcesConfig(null, null, null, null, null, null, null);
    }

    /** These settings with another idleness and starting point (the demo's and the benchmark's). */
    public SourcesConfig with(Duration newIdleness, StartingOffsets newStartingOffsets) {
        return new SourcesConfig(maxOutOfOrderness, newIdleness, newStartingOffsets, maxRecordBytes, maxFieldChars,
                maxFutureSkew, deadLetterPayloadBytes);
    }

    /** The limits a source holds input to. */
    public IngestLimits ingestLimits() {
        return new IngestLimits(validationRules(), maxRecordBytes, deadLetterPayloadBytes);
    }

    public ValidationRules validationRules() {
        return new ValidationRules(maxFieldChars, ValidationRules.DEFAULT.earliestEventTime(),
                ValidationRules.DEFAULT.latestEventTime(), maxFutureSkew, ValidationRules.DEFAULT.clock());
    }
}
