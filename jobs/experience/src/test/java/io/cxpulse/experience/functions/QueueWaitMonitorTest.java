package io.cxpulse.experience.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class QueueWaitMonitorTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");

    private KeyedOneInputStreamOperatorTestHarness<String, QueueMove, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new QueueWaitMonitor(ExperienceConfig.DEFAULTS)),
                move -> move.queue, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aCallerWaitingPastThreeMinutesOpensAnEpisodeThatResolvesWhenTheQueueIsCalm() throws Exception {
        event("c1", CallEventType.QUEUED, NINE_AM);
        event("c2", CallEventType.QUEUED, NINE_AM.plusSeconds(60));
        watermark(NINE_AM.plusSeconds(180));
        assertThat(harness.extractOutputValues()).as("exactly at the limit is fine").isEmpty();

        watermark(NINE_AM.plusSeconds(181));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.LONG_WAIT);
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.getSubjectType()).isEqualTo(SubjectType.QUEUE);
            assertThat(alert.getSubjectId()).isEqualTo("billing");
            assertThat(alert.getEvidence()).containsEntry("waiting", 2.0).containsEntry("oldest_wait_s", 180.0);
            assertThat(alert.getSummary()).isEqualTo("Queue billing: 2 callers waiting, the oldest for 3 min");
        });

        event("c1", CallEventType.ANSWERED, NINE_AM.plusSeconds(200));
        event("c2", CallEventType.ANSWERED, NINE_AM.plusSeconds(210));
        watermark(NINE_AM.plusSeconds(210));
        // Calm since 09:03:20, when c1 was answered and c2 had waited only 140 s.
        watermark(NINE_AM.plusSeconds(200 + 599));
        assertThat(harness.extractOutputValues()).as("not calm for 10 min yet").hasSize(1);

        watermark(NINE_AM.plus(Duration.ofHours(5)));
        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQueueAnsweringWithinTheLimitStaysQuiet() throws Exception {
        for (int i = 0; i < 30; i++) {
            Instant queued = NINE_AM.plusSeconds(i * 20L);
            event("c" + i, CallEventType.QUEUED, queued);
            event("c" + i, CallEventType.ANSWERED, queued.plusSeconds(90));
        }
        watermark(NINE_AM.plus(Duration.ofHours(5)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anAnswerOvertakingItsQueuedEventLeavesNoPhantomCaller() throws Exception {
        event("c1", CallEventType.ANSWERED, NINE_AM.plusSeconds(30));
        event("c1", CallEventType.QUEUED, NINE_AM);
        watermark(NINE_AM.plus(Duration.ofMinutes(30)));

        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(NINE_AM.plus(Duration.ofHours(5)));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQueuedEventArrivingAfterItsAnswerWasAppliedLeavesNoPhantomCaller() throws Exception {
        event("c1", CallEventType.ANSWERED, NINE_AM.plusSeconds(30));
        watermark(NINE_AM.plusSeconds(60));
        event("c1", CallEventType.QUEUED, NINE_AM);
        watermark(NINE_AM.plus(Duration.ofMinutes(30)));
        assertThat(harness.extractOutputValues()).as("c1 is not still waiting").isEmpty();

        watermark(NINE_AM.plus(Duration.ofHours(5)));
        assertThat(harness.numKeyedStateEntries()).as("the remembered departure is forgotten").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void severityRisesToHighWhenTheOldestCallerPassesTwiceTheLimitWithNoNewEvent() throws Exception {
        event("c1", CallEventType.QUEUED, NINE_AM);
        watermark(NINE_AM.plusSeconds(181));
        watermark(NINE_AM.plusSeconds(360));
        assertThat(harness.extractOutputValues()).extracting(Alert::getSeverity).containsExactly(Severity.MEDIUM);

        watermark(NINE_AM.plusSeconds(361));
        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATE);
        assertThat(alerts.get(1).getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(alerts.get(1).getEvidence()).containsEntry("oldest_wait_s", 360.0);
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    }

    @Test
    void twentyCallersWaitingAtOnceIsALongWaitEvenBeforeAnyoneWaitedThreeMinutes() throws Exception {
        for (int i = 0; i < 20; i++) {
            event("c" + i, CallEventType.QUEUED, NINE_AM.plusSeconds(i));
        }
        watermark(NINE_AM.plusSeconds(20));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(alert -> assertThat(alert.getReasons()).contains("waiting=20"));
    }

    /**
     * A caller whose answer was lost leaves after the interaction timeout (4 h), and the queue
     * resolves. Found by the benchmark: the caller used to stay at exactly the timeout, and its
     * timer re-registered itself at the same instant, firing forever at 100% CPU.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCallerWhoseAnswerWasLostLeavesAtTheTimeoutAndTheQueueResolves() throws Exception {
        event("c1", CallEventType.QUEUED, NINE_AM);
        watermark(NINE_AM.plus(Duration.ofMinutes(4)));
        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).extracting(Alert::getStatus).contains(AlertStatus.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void event(String callId, CallEventType type, Instant at) throws Exception {
        CallEvent e = CallEvent.newBuilder()
                .setEventId(callId + type).setCallId(callId).setType(type).setEventTime(at)
                .setCustomerId("C-" + callId).setQueue("billing")
                .build();
        harness.processElement(new StreamRecord<>(QueueMove.of(e), at.toEpochMilli()));
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(new Watermark(at.toEpochMilli()));
    }
}
