package io.cxpulse.common.deadletter;

import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One input record that could not be used, with where it came from and why. It keeps the
 * original bytes so that nothing is lost: the record can be inspected, fixed and re-sent.
 *
 * <p>A job also sets aside what it read but could not count, such as an event that arrived after
 * its window's allowed lateness ({@link #late}): reason {@link #LATE}, {@code partition} {@link
 * #NOT_AN_INPUT_RECORD}, and as value a readable JSON description of what was set aside, since
 * the original bytes are no longer at hand there.
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

    public String source;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;
    public String job;
    public String reason;
    public String errorClass;
    public String errorMessage;

    public DeadLetter() {}

    public static DeadLetter of(
            String source, int partition, long offset, byte[] key, byte[] value, String job,
            InvalidRecordException error) {
        DeadLetter d = new DeadLetter();
        d.source = source;
        d.partition = partition;
        d.offset = offset;
        d.key = key;
        d.value = value;
        d.job = job;
        d.reason = error.reason().name();
        Throwable cause = error.getCause();
        d.errorClass = (cause != null ? cause : error).getClass().getName();
        d.errorMessage = error.getMessage();
        return d;
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
                && Objects.equals(errorClass, d.errorClass) && Objects.equals(errorMessage, d.errorMessage);
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
