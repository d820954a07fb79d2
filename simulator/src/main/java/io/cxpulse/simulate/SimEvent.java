package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One simulated input record, with the topic it belongs on and its event time. {@code seq}
 * orders events of the same instant by when they were made, so the stream is the same for the
 * same seed.
 */
public record SimEvent(InputTopic<?> input, SpecificRecordBase record, long timeMs, long seq)
        implements Comparable<SimEvent> {

    @Override
    public int compareTo(SimEvent other) {
        int byTime = Long.compare(timeMs, other.timeMs);
        return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
}
