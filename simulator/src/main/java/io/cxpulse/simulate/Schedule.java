package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Events made but not yet due: a contact's whole lifecycle is made at its arrival, so its later
 * events wait here until the simulated clock reaches them.
 */
final class Schedule {

    private final PriorityQueue<SimEvent> pending = new PriorityQueue<>();
    private long seq;

    void add(InputTopic<?> input, SpecificRecordBase record, long timeMs) {
        pending.add(new SimEvent(input, record, timeMs, seq++));
    }

    SimEvent peek() {
        return pending.peek();
    }

    SimEvent poll() {
        return pending.poll();
    }
}
