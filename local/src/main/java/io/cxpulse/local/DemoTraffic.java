package io.cxpulse.local;

/** Simulated input traffic running on its own thread, sending to Kafka until closed. */
public interface DemoTraffic extends AutoCloseable {

    /** Events sent so far (for the status line's events per second). */
    long eventsSent();

    /** Stops sending and waits for what was sent to be acknowledged. */
    @Override
    void close() throws Exception;
}
