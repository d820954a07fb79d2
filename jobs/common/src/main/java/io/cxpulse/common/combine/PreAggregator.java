package io.cxpulse.common.combine;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Adds up counts bound for the same key and time bucket before they cross the network to the
 * keyed operator that adds them up anyway: a combiner, chained to the operator that produces the
 * counts. A bucket collects records between two watermarks; a hundred contributions to
 * {@code ALL} in one watermark interval travel as one.
 *
 * <p>The result downstream is the same as without it, because a bucket is flushed before
 * anything that could make its records late or change what the receiver has seen:
 * <ul>
 *   <li>before a watermark is passed on, so the records still precede it;</li>
 *   <li>before the input is declared idle (the receiver then moves its watermark on without
 *       this channel);</li>
 *   <li>before a checkpoint barrier, so no state is needed here;</li>
 *   <li>at the end of input, when the buffer is full ({@code maxBuckets}), and
 *       {@code flushInterval} ms after the first record entered an empty buffer, so a stalled
 *       watermark holds nothing back for long (early window updates see it).</li>
 * </ul>
 * A record whose window may already have fired at the receiver (its {@link Combining#bucketOf}
 * is null at the current watermark) is passed on alone at once: a late record stays one late
 * record, set aside or counted as a correction as before.
 *
 * <p>Each record leaves timestamped with {@link Combining#timeOf}, its own event time: a record
 * emitted from a join's timer lands in the window of its own time.
 */
public final class PreAggregator<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    /** How the records of one stream add up. */
    public interface Combining<T> extends Serializable {

        /** The event time the record counts at, epoch ms. */
        long timeOf(T record);

        /**
         * What identifies the records that may be added into one (key and time bucket; equals and
         * hashCode matter), or null when the record must travel alone: every window it counts in
         * must still be open, at the receiver, at this watermark.
         */
        Object bucketOf(T record, long watermark);

        /** A copy of the record that {@link #add} may change. */
        T copy(T record);

        /** Adds {@code next} into {@code sum}, a copy this operator owns, and returns the sum. */
        T add(T sum, T next);
    }

    /** Buckets held before they are passed on regardless. */
    public static final int DEFAULT_MAX_BUCKETS = 10_000;
    /** The longest a record is held when no watermark or checkpoint comes, ms. */
    public static final long DEFAULT_FLUSH_INTERVAL_MS = 200;

    private final Combining<T> combining;
    private final int maxBuckets;
    private final long flushInterval;

    private transient Map<Object, T> buckets;
    private transient long watermark;
    private transient boolean flushScheduled;

    public PreAggregator(Combining<T> combining) {
        this(combining, DEFAULT_MAX_BUCKETS, DEFAULT_FLUSH_INTERVAL_MS);
    }

    public PreAggregator(Combining<T> combining, int maxBuckets, long flushInterval) {
        if (maxBuckets < 1 || flushInterval < 1) {
            throw new IllegalArgumentException("maxBuckets and flushInterval must be positive");
        }
        this.combining = combining;
        this.maxBuckets = maxBuckets;
        this.flushInterval = flushInterval;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buckets = new LinkedHashMap<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        T record = element.getValue();
        Object bucket = combining.bucketOf(record, watermark);
        if (bucket == null) {
            emit(record);
            return;
        }
        T sum = buckets.get(bucket);
        if (sum == null) {
            buckets.put(bucket, combining.copy(record));
            if (buckets.size() >= maxBuckets) {
                flush();
            } else if (!flushScheduled) {
                flushScheduled = true;
                long now = getProcessingTimeService().getCurrentProcessingTime();
                getProcessingTimeService().registerTimer(now + flushInterval, time -> {
                    flushScheduled = false;
                    flush();
                });
            }
        } else {
            combining.add(sum, record);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            flush();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (buckets.isEmpty()) {
            return;
        }
        for (T sum : buckets.values()) {
            emit(sum);
        }
        buckets.clear();
    }

    private void emit(T record) {
        output.collect(new StreamRecord<>(record, combining.timeOf(record)));
    }
}
