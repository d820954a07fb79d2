package io.cxpulse.app;

import io.cxpulse.local.Demo;
import io.cxpulse.local.DemoTraffic;
import io.cxpulse.simulate.IncidentScript;
import io.cxpulse.simulate.KafkaTrafficSink;
import io.cxpulse.simulate.Simulation;
import io.cxpulse.simulate.TrafficGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The demo's traffic: the simulator with the default incident script, accelerated, into Kafka. */
final class DemoTrafficFactory {

    /** Simulated seconds per real second: the default script's incidents all show within two minutes. */
    static final double ACCELERATION = 90;

    private DemoTrafficFactory() {}

    /**
     * Starts at 08:00 UTC eight days ago (simulated), so the run begins in the morning ramp, and
     * runs for a week: its simulated clock, 90 times faster than the wall clock, ends before
     * today and so never runs ahead of the wall clock, where events would be refused as in the
     * future ({@code sources.max-future-skew}).
     */
    static Demo.TrafficFactory simulated(long seed) {
        return simulated(seed, ACCELERATION);
    }

    static Demo.TrafficFactory simulated(long seed, double acceleration) {
        return config -> {
            Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(8).atTime(8, 0).toInstant(ZoneOffset.UTC);
            Simulation simulation = Simulation.standard(new Simulation.Options(
                    new TrafficGenerator.Settings(seed, start, Duration.ofDays(7), 1, 50_000),
                    IncidentScript.defaultScript(), acceleration, 0));
            KafkaTrafficSink sink = new KafkaTrafficSink(config);
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    simulation.run(sink);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "cxpulse-demo-traffic");
            thread.setDaemon(true);
            thread.start();
            return new DemoTraffic() {
                @Override
                public long eventsSent() {
                    return simulation.eventsSent();
                }

                @Override
                public void close() throws Exception {
                    simulation.stop();
                    thread.join(30_000);
                    sink.close();
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                }
            };
        };
    }
}
