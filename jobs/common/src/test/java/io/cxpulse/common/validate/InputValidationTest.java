package io.cxpulse.common.validate;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputValidationTest {

    private static final ValidationRules RULES = ValidationRules.DEFAULT;

    @Test
    void realisticRecordsOfEveryTypePass() {
        assertThatCode(() -> {
            InputValidation.call(TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM), RULES);
            InputValidation.chat(TestRecords.chatMessage("h1", "C1", "你好，我的包裹在哪里？", NINE_AM), RULES);
            InputValidation.survey(TestRecords.survey("c1", "C1", 1, 0, NINE_AM), RULES);
            InputValidation.survey(TestRecords.survey("c1", "C1", 5, 10, NINE_AM), RULES);
            InputValidation.survey(TestRecords.survey("c1", "C1", null, null, NINE_AM), RULES);
            InputValidation.shipment(TestRecords.shipped("o1", "C1", "WH-1", NINE_AM), RULES);
            InputValidation.complaint(
                    TestRecords.complaintOpened("k1", "C1", ComplaintCategory.SHIPPING, "o1", NINE_AM), RULES);
        }).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "csat {0}, nps {1} is out of range")
    @CsvSource(nullValues = "null", value = {"0, null", "6, null", "9, null", "-1, null", "null, 11", "null, -1", "3, 42"})
    void scoresOffTheirScalesAreOutOfRange(Integer csat, Integer nps) {
        SurveyResponse survey = TestRecords.survey("c1", "C1", csat, nps, NINE_AM);
        assertReason(() -> InputValidation.survey(survey, RULES), DeadLetterReason.OUT_OF_RANGE);
    }

    @Test
    void aBlankIdIsAMissingField() {
        CallEvent call = TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM);
        call.setCustomerId("  ");
        assertReason(() -> InputValidation.call(call, RULES), DeadLetterReason.MISSING_FIELD);
        ShipmentEvent shipment = TestRecords.shipped("o1", "C1", "", NINE_AM);
        assertReason(() -> InputValidation.shipment(shipment, RULES), DeadLetterReason.MISSING_FIELD);
    }

    @Test
    void anImplausibleEventTimeIsABadTimestamp() {
        CallEvent epochZero = TestRecords.call("c1", CallEventType.QUEUED, "C1", Instant.EPOCH);
        assertReason(() -> InputValidation.call(epochZero, RULES), DeadLetterReason.BAD_TIMESTAMP);
        CallEvent farFuture = TestRecords.call("c1", CallEventType.QUEUED, "C1", Instant.parse("2400-01-01T00:00:00Z"));
        assertReason(() -> InputValidation.call(farFuture, RULES), DeadLetterReason.BAD_TIMESTAMP);
    }

    @Test
    void anOversizedFieldIsRejected() {
        String essay = "x".repeat(RULES.maxFieldChars() + 1);
        assertReason(() -> InputValidation.chat(TestRecords.chatMessage("h1", "C1", essay, NINE_AM), RULES),
                DeadLetterReason.OVERSIZED);
        assertThatCode(() -> InputValidation.chat(
                TestRecords.chatMessage("h1", "C1", essay.substring(1), NINE_AM), RULES)).doesNotThrowAnyException();
    }

    @Test
    void anEventTypeThePipelineDoesNotKnowIsNotGuessedAt() {
        CallEvent call = TestRecords.call("c1", CallEventType.UNKNOWN, "C1", NINE_AM);
        assertReason(() -> InputValidation.call(call, RULES), DeadLetterReason.OUT_OF_RANGE);
    }

    @Test
    void aNegativeEscalationLevelIsOutOfRange() {
        ComplaintEvent complaint = TestRecords.complaintOpened("k1", "C1", ComplaintCategory.BILLING, null, NINE_AM);
        complaint.setLevel(-1);
        assertReason(() -> InputValidation.complaint(complaint, RULES), DeadLetterReason.OUT_OF_RANGE);
    }

    private static void assertReason(ThrowingCallable validation, DeadLetterReason reason) {
        assertThatThrownBy(validation)
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidRecordException) e).reason())
                        .isEqualTo(reason));
    }
}
