package io.cxpulse.common.deadletter;

import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.text.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One input record that could not be used, with where it came from and why. It keeps the
 * original bytes so that nothing is lost: the record can be inspected, fixed and re-sent.
 *
 * <p>A job also sets aside what it read but could not count, such as an event that arrived after
 * its window's allowed lateness ({@link #late}): reason {@link #LATE}, {@code partition} {@link
 * #NOT_AN_INPUT_RECORD}, and as value a readable JSON description of what was set aside, since
 * the original bytes are no longer at hand there.
 *
 * <p>A dead letter always fits on the dead-letter topic: the value is kept up to a configured
 * payload limit ({@code sources.dead-letter-payload-bytes}) and the key up to {@value
 * #MAX_KEY_BYTES} bytes; what was cut is told by {@code originalSize} and {@code sha256} (of the
 * whole original value), so the letter still identifies the record. The error message is
 * neutralised and bounded ({@value #MAX_MESSAGE_CODE_POINTS} code points, {@link SafeText}).
 *
 * <p>From Kafka, {@code source} is the topic and {@code partition}/{@code offset} locate the
 * record; from a replay file, {@code source} is the file name, {@code partition} is -1 and
 * {@code offset} is the 1-based line number. A Flink POJO (public fields, no-arg constructor)
 * so that it travels between operators without Kryo.
 */
public final class DeadLetter {

    /** Partition value used for records that came from a file rather than Kafka. */
    public static final int NO_PARTITION = -1;

    /** Partition value of a dead letter that describes what a job set aside, not a record as read. */
    public static final int NOT_AN_INPUT_RECORD = -2;

    /**
     * Reason of an event that arrived after its window and the allowed lateness had passed. Not
     * one of the input reasons of {@link DeadLetterReason}: the record was readable, only too late.
     */
    public static final String LATE = "LATE";

    /** The longest key a dead letter keeps; a longer one is cut (Kafka keys are ids, not payloads). */
    public static final int MAX_KEY_BYTES = 16 * 1024;

    /** The longest error message a dead letter carries, in code points. */
    public static final int MAX_MESSAGE_CODE_POINTS = 500;

    /**
     * Room for everything in a dead-letter record but its value and key: headers (topic, job,
     * class, message, reason, sizes, hash) and Kafka's record and batch overhead, generously.
     */
    public static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    /** The largest dead-letter record (value, key and headers) for a payload limit. */
    public static int maxRecordBytes(int payloadLimit) {
        return payloadLimit + MAX_KEY_BYTES + RECORD_OVERHEAD_BYTES;
    }

    public String source;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;
    public String job;
    public String reason;
    public String errorClass;
    public String errorMessage;
    /** Bytes of the original value, or -1 when it had none (a tombstone). */
    public long originalSize = -1;
    /** SHA-256 of the whole original value in hex, or null when it had none. */
    public String sha256;

    public DeadLetter() {}

    /**
     * The dead letter of a whole record at hand: its value is kept up to {@code payloadLimit}
     * bytes, its key up to {@link #MAX_KEY_BYTES}.
     */
    public static DeadLetter of(
            String source, int partition, long offset, byte[] key, byte[] value, String job,
            InvalidRecordException error, int payloadLimit) {
        return of(source, partition, offset, key,
                value == null ? null : Payload.of(value, payloadLimit), job, error);
    }

    /** ... of a record read only in part (a replay line too long to hold): its {@link Payload}. */
    public static DeadLetter of(
            String source, int partition, long offset, byte[] key, Payload value, String job,
            InvalidRecordException error) {
        DeadLetter d = new DeadLetter();
        d.source = source;
        d.partition = partition;
        d.offset = offset;
        d.key = key == null || key.length <= MAX_KEY_BYTES ? key : Arrays.copyOf(key, MAX_KEY_BYTES);
        if (value != null) {
            d.value = value.head();
            d.originalSize = value.size();
            d.sha256 = value.sha256();
        }
        d.job = job;
        d.reason = error.reason().name();
        Throwable cause = error.getCause();
        d.errorClass = (cause != null ? cause : error).getClass().getName();
        d.errorMessage = SafeText.quote(error.getMessage(), MAX_MESSAGE_CODE_POINTS);
        return d;
    }

    /** Whether the value was cut to the payload limit. */
    public boolean truncated() {
        return value != null && originalSize > value.length;
    }

    /**
     * The first bytes of an input value (at most the payload limit), with the size and SHA-256
     * of the whole.
     */
    public record Payload(byte[] head, long size, String sha256) {

        public static Payload of(byte[] whole, int limit) {
            byte[] head = whole.length <= limit ? whole : Arrays.copyOf(whole, limit);
            return new Payload(head, whole.length, HexFormat.of().formatHex(DigestUtils.sha256(whole)));
        }
    }

    /**
     * An event a job set aside as too late for its window.
     *
     * @param job the job that set it aside
     * @param source what set it aside (the window operator), in place of a topic or file
     * @param key the Kafka record key to write it under
     * @param json a readable JSON description of what was set aside
     * @param setAsideBy the class that set it aside, in place of an error class
     * @param message why, in words
     */
    public static DeadLetter late(String job, String source, byte[] key, String json, String setAsideBy,
            String message) {
        DeadLetter d = new DeadLetter();
        d.source = source;
        d.partition = NOT_AN_INPUT_RECORD;
        d.offset = -1;
        d.key = key;
        d.value = json.getBytes(StandardCharsets.UTF_8);
        d.originalSize = d.value.length;
        d.job = job;
        d.reason = LATE;
        d.errorClass = setAsideBy;
        d.errorMessage = message;
        return d;
    }

    /** The input reason; throws {@code IllegalArgumentException} for {@link #LATE}, which is none. */
    public DeadLetterReason reasonEnum() {
        return DeadLetterReason.valueOf(reason);
    }

    public boolean fromFile() {
        return partition == NO_PARTITION;
    }

    /** Whether this describes an event a job set aside as too late, not an unreadable record. */
    public boolean late() {
        return LATE.equals(reason);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter d)) {
            return false;
        }
        return partition == d.partition && offset == d.offset && Objects.equals(source, d.source)
                && Arrays.equals(key, d.key) && Arrays.equals(value, d.value)
                && Objects.equals(job, d.job) && Objects.equals(reason, d.reason)
                && Objects.equals(errorClass, d.errorClass) && Objects.equals(errorMessage, d.errorMessage)
                && originalSize == d.originalSize && Objects.equals(sha256, d.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, offset, reason);
    }

    /** Never prints the payload: it may hold customer data. */
    @Override
    public String toString() {
        return "DeadLetter{" + source + (fromFile() ? ":" + offset : partition == NOT_AN_INPUT_RECORD ? ""
                : "-" + partition + "@" + offset)
                + ", " + reason + ": " + errorMessage + "}";
    }
}
