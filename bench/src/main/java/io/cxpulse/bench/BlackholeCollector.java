package io.cxpulse.bench;

import org.apache.flink.util.Collector;
import org.openjdk.jmh.infra.Blackhole;

/** A Flink {@link Collector} that hands everything to JMH's blackhole, so nothing emitted is optimised away. */
final class BlackholeCollector<T> implements Collector<T> {

    private final Blackhole blackhole;

    BlackholeCollector(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void collect(T record) {
        blackhole.consume(record);
    }

    @Override
    public void close() {}
}
