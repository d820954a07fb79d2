package io.cxpulse.bench;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.logic.PoorExperienceRules;
import io.cxpulse.experience.logic.Signal;
import io.cxpulse.schema.SurveyResponse;
import java.util.List;
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
 * The poor-experience decision for each closed interaction and each survey answer:
 * {@link PoorExperienceRules#evaluate} with the default thresholds, and the alert severity when
 * any signal fired, which is what the customer core's {@code CustomerExperience} computes per
 * record before it touches the episodes. One operation is one interaction or one survey. The mix is in
 * {@link BenchData#interactions} and {@link BenchData#surveys}: 24% of the interactions and 28%
 * of the surveys are poor, with every kind of signal represented.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class PoorExperienceBenchmark {

    private PoorExperienceRules rules;
    private Interaction[] interactions;
    private SurveyResponse[] surveys;

    @Setup
    public void setUp() {
        rules = new PoorExperienceRules(ExperienceConfig.DEFAULTS);
        interactions = BenchData.interactions(BenchData.BATCH, 42);
        surveys = BenchData.surveys(BenchData.BATCH, 43);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void evaluateInteraction(Blackhole blackhole) {
        for (Interaction interaction : interactions) {
            List<Signal> signals = rules.evaluate(interaction);
            if (!signals.isEmpty()) {
                blackhole.consume(PoorExperienceRules.severityOf(signals));
            }
            blackhole.consume(signals);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void evaluateSurvey(Blackhole blackhole) {
        for (SurveyResponse survey : surveys) {
            List<Signal> signals = rules.evaluate(survey);
            if (!signals.isEmpty()) {
                blackhole.consume(PoorExperienceRules.severityOf(signals));
            }
            blackhole.consume(signals);
        }
    }
}
