package io.cxpulse.common.deadletter;

import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One input record that could not be used, with where it came from and why. It keeps the
 * original bytes so that nothing is lost: the record can be inspected, fixed and re-sent.
 *
 * <p>From Kafka, {@code source} is the topic and {@code partition}/{@code offset} locate the
 * record; from a replay file, {@code source} is the file name, {@code partition} is -1 and
 * {@code offset} is the 1-based line number. A Flink POJO (public fields, no-arg constructor)
 * so that it travels between operators without Kryo.
 */
public final class DeadLetter {

    /** Partition value used for records that came from a file rather than Kafka. */
    public static final int NO_PARTITION = -1;

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

    public DeadLetterReason reasonEnum() {
        return DeadLetterReason.valueOf(reason);
    }

    public boolean fromFile() {
        return partition == NO_PARTITION;
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
        return "DeadLetter{" + source + (fromFile() ? ":" + offset : "-" + partition + "@" + offset)
                + ", " + reason + ": " + errorMessage + "}";
    }
}
