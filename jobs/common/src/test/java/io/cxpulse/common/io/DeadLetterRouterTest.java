package io.cxpulse.common.io;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.common.validate.IngestLimits;
import io.cxpulse.common.validate.ValidationRules;
import io.cxpulse.schema.SurveyResponse;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    private final IngestingDeserializer<SurveyResponse> deserializer = new IngestingDeserializer<>(
            InputTopic.SURVEYS, SingleObjectCodec.forClass(SurveyResponse.class), new IngestLimits(ValidationRules.DEFAULT, 1024, 1024), "test-job");

    @Test
    void validRecordsContinueAndBadOnesBecomeDeadLettersWithTheirContext() throws Exception {
        SingleObjectCodec<SurveyResponse> codec = SingleObjectCodec.forClass(SurveyResponse.class);
        SurveyResponse good = TestRecords.survey("call-1", "C1", 4, 9, NINE_AM);
        SurveyResponse csat9 = TestRecords.survey("call-2", "C2", 9, null, NINE_AM);
        byte[] key = "call-2".getBytes(StandardCharsets.UTF_8);

        OneInputStreamOperatorTestHarness<Ingested<SurveyResponse>, SurveyResponse> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DeadLetterRouter<>("surveys")));
        try {
            harness.open();
            harness.processElement(new StreamRecord<>(deserializer.ingest("cx.surveys.v1", 0, 10, null,
                    codec.encode("cx.surveys.v1", good))));
            harness.processElement(new StreamRecord<>(deserializer.ingest("cx.surveys.v1", 1, 11, key,
                    codec.encode("cx.surveys.v1", csat9))));
            harness.processElement(new StreamRecord<>(deserializer.ingest("cx.surveys.v1", 1, 12, null,
                    new byte[2048])));

            assertThat(harness.extractOutputValues()).containsExactly(good);
            var deadLetters = harness.getSideOutput(DeadLetterRouter.DEAD_LETTERS);
            assertThat(deadLetters).hasSize(2);
            DeadLetter outOfRange = deadLetters.poll().getValue();
            assertThat(outOfRange.source).isEqualTo("cx.surveys.v1");
            assertThat(outOfRange.partition).isEqualTo(1);
            assertThat(outOfRange.offset).isEqualTo(11);
            assertThat(outOfRange.key).isEqualTo(key);
            assertThat(outOfRange.job).isEqualTo("test-job");
            assertThat(outOfRange.reasonEnum()).isEqualTo(DeadLetterReason.OUT_OF_RANGE);
            assertThat(outOfRange.errorClass).isEqualTo(InvalidRecordException.class.getName());
            assertThat(outOfRange.errorMessage).isEqualTo("csat: 9 outside 1..5");
            assertThat(outOfRange.value).isEqualTo(codec.encode("cx.surveys.v1", csat9));
            DeadLetter oversized = deadLetters.poll().getValue();
            assertThat(oversized.reasonEnum()).isEqualTo(DeadLetterReason.OVERSIZED);
            assertThat(oversized.toString()).doesNotContain("C2");
        } finally {
            harness.close();
        }
    }
}
