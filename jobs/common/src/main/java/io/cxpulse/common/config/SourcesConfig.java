package io.cxpulse.common.config;

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
 */
public record SourcesConfig(
        Duration maxOutOfOrderness,
        Duration idleness,
        StartingOffsets startingOffsets,
        Integer maxRecordBytes,
        Integer maxFieldChars) implements Serializable {

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
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("sources.max-out-of-orderness must not be negative");
        }
        if (idleness.isNegative() || idleness.isZero()) {
            throw new IllegalArgumentException("sources.idleness must be positive");
        }
        if (maxRecordBytes <= 0 || maxFieldChars <= 0) {
            throw new IllegalArgumentException("sources.max-record-bytes and max-field-chars must be positive");
        }
    }

    public static SourcesConfig defaults() {
        return new SourcesConfig(null, null, null, null, null);
    }

    public ValidationRules validationRules() {
        return new ValidationRules(maxFieldChars, ValidationRules.DEFAULT.earliestEventTime(),
                ValidationRules.DEFAULT.latestEventTime());
    }
}
