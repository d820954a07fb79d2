package io.cxpulse.bench;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.metrics.functions.CountsAggregate;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.metrics.logic.MetricCounts;
import io.cxpulse.metrics.logic.MetricDefinitions;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The metric windows' per-record work outside Flink's own state handling:
 *
 * <ul>
 *   <li>{@link #accumulatorAdd}: one window accumulator step, {@link CountsAggregate#add} (that
 *       is {@link MetricCounts#add}) of one {@link Contribution} into the accumulator of its
 *       dimension value. One operation is one contribution. The contributions are those the job
 *       derives from a mix of contacts, surveys, shipments and complaints (40/15/40/5), each
 *       added into the accumulator of its own key, as the keyed window does (the state lookup
 *       itself is Flink's and is not measured).
 *   <li>{@link #contactFanOut}: a completed contact's counts ({@link MetricDefinitions#contact})
 *       fanned out to ALL, CHANNEL, QUEUE, TEAM and AGENT ({@link Contributions#contact}), as
 *       the customer core's {@code FirstContactResolution} emits them. One operation is one
 *       contact.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class MetricWindowBenchmark {

    private final CountsAggregate aggregate = new CountsAggregate();
    private Duration serviceLevel;

    private Contribution[] contributions;
    /** For each contribution, the index of its key's accumulator. */
    private int[] accumulatorOf;
    private MetricCounts[] accumulators;

    private Interaction[] contacts;
    private boolean[] firstOnReason;

    @Setup
    public void setUp() {
        serviceLevel = MetricsConfig.DEFAULTS.serviceLevel();
        SplittableRandom random = new SplittableRandom(42);

        Interaction[] interactions = BenchData.interactions(BenchData.BATCH, 42);
        List<Interaction> completed = new ArrayList<>();
        for (Interaction interaction : interactions) {
            if (MetricDefinitions.isContact(interaction)) {
                completed.add(interaction);
            }
        }
        contacts = new Interaction[BenchData.BATCH];
        firstOnReason = new boolean[BenchData.BATCH];
        for (int i = 0; i < contacts.length; i++) {
            contacts[i] = completed.get(i % completed.size());
            firstOnReason[i] = random.nextInt(100) < 65;
        }

        SurveyResponse[] surveys = BenchData.surveys(BenchData.BATCH, 43);
        ShipmentEvent[] shipments = BenchData.shipments(BenchData.BATCH, 44);
        ComplaintEvent[] complaints = BenchData.complaints(BenchData.BATCH, 45);
        List<Contribution> stream = new ArrayList<>();
        for (int i = 0; stream.size() < BenchData.BATCH; i++) {
            int what = random.nextInt(100);
            if (what < 40) {
                stream.addAll(Contributions.contact(contacts[i],
                        MetricDefinitions.contact(contacts[i], firstOnReason[i], serviceLevel)));
            } else if (what < 55) {
                stream.addAll(Contributions.survey(surveys[i]));
            } else if (what < 95) {
                stream.addAll(Contributions.shipment(shipments[i]));
            } else {
                stream.addAll(Contributions.complaint(complaints[i]));
            }
        }
        contributions = stream.subList(0, BenchData.BATCH).toArray(new Contribution[0]);
        Map<String, Integer> keys = new HashMap<>();
        accumulatorOf = new int[contributions.length];
        for (int i = 0; i < contributions.length; i++) {
            accumulatorOf[i] = keys.computeIfAbsent(contributions[i].key(), k -> keys.size());
        }
        accumulators = new MetricCounts[keys.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = aggregate.createAccumulator();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void accumulatorAdd() {
        for (int i = 0; i < contributions.length; i++) {
            int slot = accumulatorOf[i];
            accumulators[slot] = aggregate.add(contributions[i], accumulators[slot]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void contactFanOut(Blackhole blackhole) {
        for (int i = 0; i < contacts.length; i++) {
            Interaction contact = contacts[i];
            blackhole.consume(Contributions.contact(contact,
                    MetricDefinitions.contact(contact, firstOnReason[i], serviceLevel)));
        }
    }
}
