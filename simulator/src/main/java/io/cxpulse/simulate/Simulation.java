package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the simulator: the traffic of {@link TrafficGenerator}, paced by a {@link Pacer},
 * into a {@link TrafficSink}, with its {@link GroundTruth}. Stoppable from another thread.
 *
 * @see IncidentScript
 */
public final class Simulation {

    /**
     * @param acceleration simulated seconds per real second; 0 sends as fast as the sink takes them
     * @param rate at most this many events per real second; 0 for no limit
     */
    public record Options(TrafficGenerator.Settings settings, IncidentScript script, double acceleration, double rate) {}

    private final Options options;
    private final World world;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, Long> byInput = new LinkedHashMap<>();

    public Simulation(Options options, World world) {
        options.script().validateAgainst(world);
        this.options = options;
        this.world = world;
        for (InputTopic<?> input : InputTopic.ALL) {
            byInput.put(input.name(), 0L);
        }
    }

    public static Simulation standard(Options options) {
        return new Simulation(options, World.standard(options.settings().seed(), options.settings().customers()));
    }

    /** Sends the whole run (or until {@link #stop()}) and flushes the sink; returns the events sent. */
    public long run(TrafficSink sink) throws Exception {
        TrafficGenerator traffic = new TrafficGenerator(options.settings(), world, options.script());
        Pacer pacer = new Pacer(options.acceleration(), options.rate());
        pacer.start(options.settings().start().toEpochMilli());
        long n = 0;
        while (!stop.get() && traffic.hasNext()) {
            SimEvent event = traffic.next();
            pacer.await(event.timeMs(), n);
            sink.send(event);
            n = sent.incrementAndGet();
            byInput.merge(event.input().name(), 1L, Long::sum);
        }
        sink.flush();
        return n;
    }

    public void stop() {
        stop.set(true);
    }

    public long eventsSent() {
        return sent.get();
    }

    /** Events sent per input, in the contract's order; read it after {@link #run}. */
    public Map<String, Long> eventsByInput() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byInput));
    }

    public List<GroundTruth> truth() {
        return GroundTruth.of(options.script(), options.settings().start());
    }
}
