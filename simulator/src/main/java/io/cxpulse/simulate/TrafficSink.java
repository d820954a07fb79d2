package io.cxpulse.simulate;

/** Where simulated events go: a replay directory or Kafka topics. */
public interface TrafficSink extends AutoCloseable {

    void send(SimEvent event) throws Exception;

    /** Sends what is buffered and waits for it to be written or acknowledged. */
    void flush() throws Exception;

    @Override
    void close() throws Exception;
}
