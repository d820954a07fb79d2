package io.cxpulse.common.replay;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import io.cxpulse.schema.SurveyResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRecordMapperTest {

    private static final String SURVEY_PREFIX =
            "{\"event_id\":\"s1\",\"interaction_id\":\"call-1\",\"channel\":\"VOICE\",\"customer_id\":\"C1\"";

    static Stream<SpecificRecordBase> everyRecordType() {
        Alert alert = TestRecords.poorExperienceAlert(NINE_AM);
        MetricSnapshot metric = MetricSnapshot.newBuilder()
                .setDimension(Dimension.QUEUE)
                .setDimensionValue("billing")
                .setWindowStart(NINE_AM)
                .setWindowEnd(NINE_AM.plusSeconds(3600))
                .setFinal$(true)
                .setContacts(120).setHandled(110).setAbandoned(10).setAnsweredWithinSl(90)
                .setWaitMsSum(3_300_000).setHandleMsSum(33_000_000)
                .setCsatResponses(0)
                .setAbandonRate(10 / 120.0).setAsaS(30.0)
                .build();
        SupplierShare share = SupplierShare.newBuilder()
                .setWindowStart(NINE_AM).setWindowEnd(NINE_AM.plusSeconds(86_400))
                .setCategory(ComplaintCategory.SHIPPING).setSupplierId("WH-3")
                .setShipments(300).setComplaints(54).setShipmentShare(0.03).setComplaintShare(0.27)
                .setLift(9.0).setPValue(1e-40).setQValue(6e-40).setFlagged(true)
                .build();
        return Stream.of(
                TestRecords.call("call-1", CallEventType.ENDED, "C1042", NINE_AM),
                TestRecords.chatMessage("chat-1", "C3001", "已经第三次打电话了，还没解决", NINE_AM),
                TestRecords.survey("call-1", "C1042", 1, 2, NINE_AM),
                TestRecords.shipped("order-1", "C1042", "WH-3", NINE_AM),
                TestRecords.complaintOpened("cmp-1", "C1042", ComplaintCategory.SHIPPING, "order-1", NINE_AM),
                alert, metric, share);
    }

    @ParameterizedTest(name = "{0} survives write then read")
    @MethodSource("everyRecordType")
    <T extends SpecificRecordBase> void everyRecordTypeRoundTrips(T record) throws Exception {
        @SuppressWarnings("unchecked")
        JsonRecordMapper<T> mapper = JsonRecordMapper.forClass((Class<T>) record.getClass());
        String line = mapper.write(record);

        assertThat(line).doesNotContain("\n");
        assertThat(mapper.read(line)).isEqualTo(record);
    }

    @Test
    void writesTimestampsAsIsoAndAbsentOptionalsAsNull() {
        String line = JsonRecordMapper.forClass(SurveyResponse.class)
                .write(TestRecords.survey("call-1", "C1", 4, null, NINE_AM));

        assertThat(line).contains("\"event_time\":\"2026-11-20T09:00:00Z\"", "\"nps\":null", "\"channel\":\"VOICE\"");
    }

    @Test
    void epochMillisAndIsoWithAnOffsetAreTheSameInstant() throws Exception {
        JsonRecordMapper<SurveyResponse> mapper = JsonRecordMapper.forClass(SurveyResponse.class);
        Instant expected = Instant.parse("2026-11-22T08:00:00Z");

        assertThat(mapper.read(SURVEY_PREFIX + ",\"event_time\":" + expected.toEpochMilli() + "}").getEventTime())
                .isEqualTo(expected);
        assertThat(mapper.read(SURVEY_PREFIX + ",\"event_time\":\"2026-11-22T08:00:00Z\"}").getEventTime())
                .isEqualTo(expected);
        assertThat(mapper.read(SURVEY_PREFIX + ",\"event_time\":\"2026-11-22T16:00:00+08:00\"}").getEventTime())
                .isEqualTo(expected);
        assertThat(mapper.read(SURVEY_PREFIX + ",\"event_time\":\"2026-11-22T08:00:00.250Z\"}").getEventTime())
                .isEqualTo(expected.plusMillis(250));
    }

    @Test
    void optionalFieldsMayBeOmittedOrNullAndDefaultsFillIn() throws Exception {
        CallEvent call = JsonRecordMapper.forClass(CallEvent.class).read(
                "{\"event_id\":\"e\",\"call_id\":\"c\",\"type\":\"QUEUED\",\"event_time\":0,"
                        + "\"customer_id\":\"C\",\"queue\":\"q\",\"agent_id\":null,\"unknown_future_field\":[1,2]}");

        assertThat(call.getAgentId()).isNull();
        assertThat(call.getTeamId()).isNull();
        assertThat(call.getComplaint()).as("absent field with a default").isFalse();
    }

    @Test
    void everyKindOfBadLineHasItsReason() {
        JsonRecordMapper<SurveyResponse> mapper = JsonRecordMapper.forClass(SurveyResponse.class);
        String ok = ",\"event_time\":\"2026-11-22T08:00:00Z\"";

        assertFails(mapper, "not json", DeadLetterReason.MALFORMED_JSON, "not JSON");
        assertFails(mapper, "[1,2,3]", DeadLetterReason.MALFORMED_JSON, "not a JSON object");
        assertFails(mapper, "{\"event_id\":\"s1\"" + ok + "}", DeadLetterReason.MISSING_FIELD, "interaction_id: missing");
        assertFails(mapper, SURVEY_PREFIX.replace("\"customer_id\":\"C1\"", "\"customer_id\":null") + ok + "}",
                DeadLetterReason.MISSING_FIELD, "customer_id: missing");
        assertFails(mapper, SURVEY_PREFIX + "}", DeadLetterReason.MISSING_FIELD, "event_time: missing");
        assertFails(mapper, SURVEY_PREFIX + ",\"event_time\":\"2026-11-22 08:00\"}",
                DeadLetterReason.BAD_TIMESTAMP, "event_time");
        assertFails(mapper, SURVEY_PREFIX + ",\"event_time\":\"2026-11-22T08:00:00\"}",
                DeadLetterReason.BAD_TIMESTAMP, "event_time");
        assertFails(mapper, SURVEY_PREFIX + ",\"event_time\":1.5e12}", DeadLetterReason.BAD_TIMESTAMP, "event_time");
        assertFails(mapper, SURVEY_PREFIX + ok + ",\"csat\":\"5\"}", DeadLetterReason.MALFORMED_JSON,
                "csat: expected int, got string");
        assertFails(mapper, SURVEY_PREFIX + ok + ",\"csat\":4.5}", DeadLetterReason.MALFORMED_JSON, "csat");
        assertFails(mapper, SURVEY_PREFIX + ok + ",\"csat\":9223372036854775807}", DeadLetterReason.OUT_OF_RANGE, "csat");
        assertFails(mapper, SURVEY_PREFIX.replace("VOICE", "CARRIER_PIGEON") + ok + "}",
                DeadLetterReason.OUT_OF_RANGE, "channel");
        assertFails(mapper, SURVEY_PREFIX + ok + ",\"comment\":42}", DeadLetterReason.MALFORMED_JSON,
                "comment: expected string, got integer");
    }

    @Test
    void errorMessagesDoNotEchoTheWholeLine() {
        JsonRecordMapper<SurveyResponse> mapper = JsonRecordMapper.forClass(SurveyResponse.class);
        String secret = "customer-private-" + "x".repeat(200);
        assertThatThrownBy(() -> mapper.read(SURVEY_PREFIX + ",\"event_time\":\"" + secret + "\"}"))
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    private static void assertFails(
            JsonRecordMapper<SurveyResponse> mapper, String line, DeadLetterReason reason, String messagePart) {
        assertThatThrownBy(() -> mapper.read(line))
                .as(line)
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
    }
}
