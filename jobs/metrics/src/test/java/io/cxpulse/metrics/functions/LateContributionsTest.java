package io.cxpulse.metrics.functions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.MetricCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LateContributionsTest {

    private static final Instant TWENTY_PAST_NINE = Instant.parse("2026-11-20T09:20:00Z");

    @Test
    void aTooLateShareBecomesADeadLetterThatSaysWhatItWouldHaveAddedAndWhy() throws Exception {
        MetricCounts oneAnswer = new MetricCounts();
        oneAnswer.csatResponses = 1;
        oneAnswer.csatSatisfied = 1;
        Contribution late = new Contribution("AGENT", "agent-\"7\"", TWENTY_PAST_NINE.plusSeconds(20).toEpochMilli(),
                oneAnswer);

        List<DeadLetter> out = run(late);

        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(DeadLetter.LATE);
            assertThat(d.late()).isTrue();
            assertThat(d.fromFile()).isFalse();
            assertThat(d.job).isEqualTo("metrics");
            assertThat(d.source).isEqualTo("metrics window PT1M");
            assertThat(new String(d.key, UTF_8)).isEqualTo("AGENT|agent-\"7\"");
            assertThat(d.errorMessage).isEqualTo("late: AGENT|agent-\"7\" at 2026-11-20T09:20:20Z arrived beyond the"
                    + " allowed lateness (PT5M) of its PT1M window [2026-11-20T09:20:00Z, 2026-11-20T09:21:00Z);"
                    + " not counted in that window");
            assertThat(new String(d.value, UTF_8)).isEqualTo("{\"dimension\":\"AGENT\",\"value\":\"agent-\\\"7\\\"\","
                    + "\"event_time\":\"2026-11-20T09:20:20Z\",\"window_start\":\"2026-11-20T09:20:00Z\","
                    + "\"window_end\":\"2026-11-20T09:21:00Z\",\"window_size\":\"PT1M\",\"allowed_lateness\":\"PT5M\","
                    + "\"counts\":{\"csat_responses\":1,\"csat_satisfied\":1}}");
        });
    }

    @Test
    void everyShareIsOneDeadLetter() throws Exception {
        MetricCounts shipment = new MetricCounts();
        shipment.shipments = 1;
        long at = TWENTY_PAST_NINE.toEpochMilli();

        List<DeadLetter> out = run(new Contribution("ALL", "all", at, shipment),
                new Contribution("SUPPLIER", "WH-A", at, shipment));

        assertThat(out).extracting(d -> new String(d.key, UTF_8)).containsExactly("ALL|all", "SUPPLIER|WH-A");
    }

    private static List<DeadLetter> run(Contribution... late) throws Exception {
        try (OneInputStreamOperatorTestHarness<Contribution, DeadLetter> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new LateContributions(Duration.ofMinutes(1), Duration.ofMinutes(5))))) {
            harness.open();
            for (Contribution c : late) {
                harness.processElement(new StreamRecord<>(c, c.timeMs));
            }
            return harness.extractOutputValues();
        }
    }
}
