package io.cxpulse.common.replay;

import static io.cxpulse.common.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxpulse.common.serde.DeadLetterReason.MALFORMED_JSON;
import static io.cxpulse.common.serde.DeadLetterReason.MISSING_FIELD;
import static io.cxpulse.common.serde.DeadLetterReason.OUT_OF_RANGE;
import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.serde.DeadLetterReason;
import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SubjectType;
import io.cxpulse.schema.SupplierShare;
import io.cxpulse.schema.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRecordMapperTest {

    private static final Instant EIGHT_AM_UTC = Instant.parse("2026-11-22T08:00:00Z");
    private static final String CHINESE_COMPLAINT = "已经第三次打电话了，还没解决";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonRecordMapper<CallEvent> CALLS = JsonRecordMapper.forClass(CallEvent.class);
    private static final JsonRecordMapper<SurveyResponse> SURVEYS = JsonRecordMapper.forClass(SurveyResponse.class);
    private static final JsonRecordMapper<ShipmentEvent> SHIPMENTS = JsonRecordMapper.forClass(ShipmentEvent.class);
    private static final JsonRecordMapper<Alert> ALERTS = JsonRecordMapper.forClass(Alert.class);
    private static final JsonRecordMapper<MetricSnapshot> METRICS = JsonRecordMapper.forClass(MetricSnapshot.class);
    private static final JsonRecordMapper<SupplierShare> SHARES = JsonRecordMapper.forClass(SupplierShare.class);

    /** Valid lines that the error cases break one field at a time. */
    private static final String CALL = CALLS.write(TestRecords.call("call-1", CallEventType.ENDED, "C1042", NINE_AM));
    private static final String SURVEY = SURVEYS.write(TestRecords.survey("call-1", "C1042", 4, 9, NINE_AM));
    private static final String SHIPMENT = SHIPMENTS.write(TestRecords.shipped("order-1", "C1042", "WH-3", NINE_AM));
    private static final String ALERT = ALERTS.write(TestRecords.poorExperienceAlert(NINE_AM));
    private static final String METRIC = METRICS.write(billingQueueHour());
    private static final String SHARE = SHARES.write(outlierShare());

    // --- round trips -----------------------------------------------------------------------

    static Stream<Arguments> everyRecordType() {
        return Stream.of(
                Arguments.of("an ended call", TestRecords.call("call-1", CallEventType.ENDED, "C1042", NINE_AM)),
                Arguments.of("a queued complaint call with an order", CallEvent.newBuilder()
                        .setEventId("e-2").setCallId("call-2").setType(CallEventType.QUEUED).setEventTime(NINE_AM)
                        .setCustomerId("C7").setQueue("billing").setOrderId("order-9").setReason("refund")
                        .setComplaint(true).build()),
                Arguments.of("a chat message in Chinese",
                        TestRecords.chatMessage("chat-1", "C3001", CHINESE_COMPLAINT, NINE_AM)),
                Arguments.of("a chat start with nothing optional", ChatEvent.newBuilder()
                        .setEventId("e-3").setChatId("chat-2").setType(ChatEventType.STARTED).setEventTime(NINE_AM)
                        .setCustomerId("C8").build()),
                Arguments.of("a survey", TestRecords.survey("call-1", "C1042", 1, 2, NINE_AM)),
                Arguments.of("a shipment with a promised time",
                        TestRecords.shipped("order-1", "C1042", "WH-3", NINE_AM)),
                Arguments.of("a lost shipment without carrier", ShipmentEvent.newBuilder()
                        .setEventId("e-4").setOrderId("order-2").setType(ShipmentEventType.LOST)
                        .setEventTime(NINE_AM.plusMillis(1)).setCustomerId("C9").setSupplierId("WH-1").build()),
                Arguments.of("an opened complaint", TestRecords.complaintOpened(
                        "cmp-1", "C1042", ComplaintCategory.SHIPPING, "order-1", NINE_AM)),
                Arguments.of("an escalated complaint", ComplaintEvent.newBuilder()
                        .setEventId("e-5").setComplaintId("cmp-2").setType(ComplaintEventType.ESCALATED)
                        .setEventTime(NINE_AM).setCustomerId("C10").setCategory(ComplaintCategory.BILLING)
                        .setLevel(2).setOwnerTeam("team-red").build()),
                Arguments.of("an alert with reasons and evidence", TestRecords.poorExperienceAlert(NINE_AM)),
                Arguments.of("a resolved alert with a window", Alert.newBuilder()
                        .setAlertId("SUPPLIER_OUTLIER:WH-3:1").setKind(AlertKind.SUPPLIER_OUTLIER)
                        .setStatus(AlertStatus.RESOLVED).setSeverity(Severity.CRITICAL)
                        .setSubjectType(SubjectType.SUPPLIER).setSubjectId("WH-3").setSummary("WH-3 back to normal")
                        .setEvidence(Map.of("lift", 9.0, "p_value", 1e-40, "complaints", 54.0))
                        .setWindowStart(NINE_AM).setWindowEnd(NINE_AM.plus(Duration.ofDays(1)))
                        .setEventTime(NINE_AM).setDetectedAt(NINE_AM.plusSeconds(5)).build()),
                Arguments.of("a metric snapshot with some null ratios", billingQueueHour()),
                Arguments.of("a supplier share", outlierShare()));
    }

    @ParameterizedTest(name = "{0} survives write then read")
    @MethodSource("everyRecordType")
    <T extends SpecificRecord> void everyRecordTypeSurvivesWriteThenRead(String story, T record) throws Exception {
        @SuppressWarnings("unchecked")
        JsonRecordMapper<T> mapper = JsonRecordMapper.forClass((Class<T>) record.getClass());
        String line = mapper.write(record);

        assertThat(line).doesNotContain("\n");
        assertThat(mapper.read(line)).isEqualTo(record);
        assertThat(mapper.write(mapper.read(line))).as("the same record is the same line").isEqualTo(line);
    }

    @Test
    void writesEveryFieldInSchemaOrderWithIsoTimestampsSymbolsAndNulls() {
        SurveyResponse survey = SurveyResponse.newBuilder()
                .setEventId("s-1").setInteractionId("call-1").setChannel(Channel.VOICE).setEventTime(NINE_AM)
                .setCustomerId("C1042").setCsat(1).setComment(CHINESE_COMPLAINT).build();

        assertThat(SURVEYS.write(survey)).isEqualTo("{\"event_id\":\"s-1\",\"interaction_id\":\"call-1\","
                + "\"channel\":\"VOICE\",\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C1042\","
                + "\"agent_id\":null,\"team_id\":null,\"csat\":1,\"nps\":null,\"comment\":\"" + CHINESE_COMPLAINT + "\"}");
    }

    @Test
    void writesMapEntriesInKeyOrderSoTheSameAlertIsAlwaysTheSameLine() {
        Alert alert = Alert.newBuilder(TestRecords.poorExperienceAlert(NINE_AM))
                .setEvidence(Map.of("wait_s", 540.0, "csat", 1.0, "transfers", 3.0))
                .build();

        assertThat(ALERTS.write(alert)).contains("\"evidence\":{\"csat\":1.0,\"transfers\":3.0,\"wait_s\":540.0}");
    }

    @Test
    void writesNonFiniteDoublesAsNullWhenOptionalAndAsStringsOtherwise() throws Exception {
        SupplierShare share = SupplierShare.newBuilder(outlierShare())
                .setLift(Double.NaN).setPValue(Double.NaN).setQValue(Double.POSITIVE_INFINITY)
                .setShipmentShare(Double.NEGATIVE_INFINITY).build();

        String line = SHARES.write(share);
        SupplierShare back = SHARES.read(line);

        assertThat(line).contains("\"lift\":null", "\"p_value\":\"NaN\"", "\"q_value\":\"Infinity\"",
                "\"shipment_share\":\"-Infinity\"");
        assertThat(back.getLift()).as("an optional NaN reads back as absent").isNull();
        assertThat(back.getPValue()).isNaN();
        assertThat(back.getQValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(back.getShipmentShare()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void refusesToWriteARecordWithANullRequiredField() {
        SurveyResponse incomplete = new SurveyResponse();

        assertThatThrownBy(() -> SURVEYS.write(incomplete))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event_id");
    }

    // --- reading what people write ---------------------------------------------------------

    static Stream<Arguments> sameMomentWrittenDifferently() {
        return Stream.of(
                Arguments.of("epoch milliseconds", Long.toString(EIGHT_AM_UTC.toEpochMilli())),
                Arguments.of("ISO-8601 in UTC", "\"2026-11-22T08:00:00Z\""),
                Arguments.of("ISO-8601 with a +08:00 offset", "\"2026-11-22T16:00:00+08:00\""),
                Arguments.of("ISO-8601 with a -05:00 offset", "\"2026-11-22T03:00:00-05:00\""),
                Arguments.of("ISO-8601 with zero fractional seconds", "\"2026-11-22T08:00:00.000Z\""));
    }

    @ParameterizedTest(name = "{0} is the same instant")
    @MethodSource("sameMomentWrittenDifferently")
    void epochMillisAndIsoWithAnOffsetGiveTheSameInstant(String story, String eventTime) throws Exception {
        assertThat(SURVEYS.read(with(SURVEY, "event_time", eventTime)).getEventTime()).isEqualTo(EIGHT_AM_UTC);
    }

    @Test
    void fractionalSecondsAreKeptToTheMillisecondAndFinerDigitsDropped() throws Exception {
        assertThat(SURVEYS.read(with(SURVEY, "event_time", "\"2026-11-22T16:00:00.25+08:00\"")).getEventTime())
                .isEqualTo(EIGHT_AM_UTC.plusMillis(250));
        assertThat(SURVEYS.read(with(SURVEY, "event_time", "\"2026-11-22T08:00:00.123456789Z\"")).getEventTime())
                .isEqualTo(EIGHT_AM_UTC.plusMillis(123));
    }

    @Test
    void optionalTimestampsReadLikeRequiredOnes() throws Exception {
        assertThat(SHIPMENTS.read(with(SHIPMENT, "promised_time", "\"2026-11-24T09:00:00+01:00\"")).getPromisedTime())
                .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(SHIPMENTS.read(with(SHIPMENT, "promised_time", "null")).getPromisedTime()).isNull();
        assertThat(SHIPMENTS.read(without(SHIPMENT, "promised_time")).getPromisedTime()).isNull();
    }

    @Test
    void optionalFieldsMayBeOmittedOrNull() throws Exception {
        String line = "{\"event_id\":\"e\",\"call_id\":\"c\",\"type\":\"QUEUED\",\"event_time\":0,"
                + "\"customer_id\":\"C\",\"queue\":\"q\",\"agent_id\":null,\"resolved\":null}";

        CallEvent call = CALLS.read(line);

        assertThat(call).isEqualTo(CallEvent.newBuilder()
                .setEventId("e").setCallId("c").setType(CallEventType.QUEUED).setEventTime(Instant.EPOCH)
                .setCustomerId("C").setQueue("q").build());
    }

    @Test
    void absentFieldsWithADefaultTakeIt() throws Exception {
        Alert alert = ALERTS.read(without(without(ALERT, "reasons"), "evidence"));
        MetricSnapshot metric = METRICS.read(without(without(METRIC, "contacts"), "complaints"));
        CallEvent call = CALLS.read(without(CALL, "complaint"));

        assertThat(alert.getReasons()).isEmpty();
        assertThat(alert.getEvidence()).isEmpty();
        assertThat(metric.getContacts()).isZero();
        assertThat(metric.getComplaints()).isZero();
        assertThat(call.getComplaint()).isFalse();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String line = with(with(SURVEY, "sentiment", "{\"score\":-0.8,\"model\":\"v2\"}"), "tags", "[1,\"x\",null]");

        assertThat(SURVEYS.read(line)).isEqualTo(SURVEYS.read(SURVEY));
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnored() throws Exception {
        assertThat(SURVEYS.read("\uFEFF" + SURVEY)).isEqualTo(SURVEYS.read(SURVEY));
    }

    // --- rejecting what does not fit -------------------------------------------------------

    static Stream<Arguments> badLines() {
        return Stream.of(
                // not one JSON object
                bad("text that is not JSON", SURVEYS, "not json at all", MALFORMED_JSON, "not JSON"),
                bad("an empty line", SURVEYS, "", MALFORMED_JSON, "not a JSON object"),
                bad("a JSON array", SURVEYS, "[1,2,3]", MALFORMED_JSON, "not a JSON object, got array"),
                bad("a JSON string", SURVEYS, "\"survey\"", MALFORMED_JSON, "not a JSON object, got string"),
                bad("a truncated object", SURVEYS, SURVEY.substring(0, SURVEY.length() - 5), MALFORMED_JSON, "not JSON"),
                bad("two objects on one line", SURVEYS, SURVEY + SURVEY, MALFORMED_JSON, "not JSON: Trailing token"),
                bad("text after the object", SURVEYS, SURVEY + " trailing", MALFORMED_JSON, "Unrecognized token 'trailing'"),
                bad("a field given twice", SURVEYS, with(SURVEY, "csat", "1,\"csat\":5"), MALFORMED_JSON,
                        "Duplicate field 'csat'"),
                // missing
                bad("a required field left out", SURVEYS, without(SURVEY, "interaction_id"),
                        MISSING_FIELD, "interaction_id: missing"),
                bad("a required field set to null", SURVEYS, with(SURVEY, "customer_id", "null"),
                        MISSING_FIELD, "customer_id: required, got null"),
                bad("event_time left out", SURVEYS, without(SURVEY, "event_time"), MISSING_FIELD, "event_time: missing"),
                bad("event_time set to null", SURVEYS, with(SURVEY, "event_time", "null"), MISSING_FIELD, "event_time"),
                bad("a defaulted field set to null", CALLS, with(CALL, "complaint", "null"),
                        MISSING_FIELD, "complaint: required, got null"),
                // timestamps
                bad("a timestamp without an offset", SURVEYS, with(SURVEY, "event_time", "\"2026-11-22T08:00:00\""),
                        BAD_TIMESTAMP, "event_time: '2026-11-22T08:00:00' is neither"),
                bad("a timestamp with a space", SURVEYS, with(SURVEY, "event_time", "\"2026-11-22 08:00:00Z\""),
                        BAD_TIMESTAMP, "event_time"),
                bad("a timestamp that is a date only", SURVEYS, with(SURVEY, "event_time", "\"2026-11-22\""),
                        BAD_TIMESTAMP, "event_time"),
                bad("a garbage timestamp", SURVEYS, with(SURVEY, "event_time", "\"yesterday\""),
                        BAD_TIMESTAMP, "event_time: 'yesterday'"),
                bad("a fractional epoch", SURVEYS, with(SURVEY, "event_time", "1.7637984E12"),
                        BAD_TIMESTAMP, "event_time: number"),
                bad("quoted epoch milliseconds", SURVEYS, with(SURVEY, "event_time", "\"1763798400000\""),
                        BAD_TIMESTAMP, "event_time"),
                bad("epoch milliseconds beyond 64 bits", SURVEYS, with(SURVEY, "event_time", "99999999999999999999"),
                        BAD_TIMESTAMP, "event_time"),
                bad("a timestamp given as an object", SURVEYS, with(SURVEY, "event_time", "{\"ms\":1}"),
                        BAD_TIMESTAMP, "event_time: object"),
                bad("a bad optional timestamp", SHIPMENTS, with(SHIPMENT, "promised_time", "\"soon\""),
                        BAD_TIMESTAMP, "promised_time"),
                // ints and longs
                bad("a quoted int", SURVEYS, with(SURVEY, "csat", "\"5\""), MALFORMED_JSON, "csat: expected int, got string"),
                bad("a fraction for an int", SURVEYS, with(SURVEY, "csat", "4.5"),
                        MALFORMED_JSON, "csat: expected int, got number"),
                bad("a whole fraction for an int", SURVEYS, with(SURVEY, "csat", "5.0"),
                        MALFORMED_JSON, "csat: expected int, got number"),
                bad("a boolean for an int", SURVEYS, with(SURVEY, "nps", "true"),
                        MALFORMED_JSON, "nps: expected int, got boolean"),
                bad("an int just beyond 32 bits", SURVEYS, with(SURVEY, "csat", "2147483648"),
                        OUT_OF_RANGE, "csat: 2147483648 is beyond int range"),
                bad("the largest long for an int", SURVEYS, with(SURVEY, "csat", "9223372036854775807"),
                        OUT_OF_RANGE, "csat"),
                bad("an int beyond 64 bits", SURVEYS, with(SURVEY, "nps", "18446744073709551617"),
                        OUT_OF_RANGE, "nps"),
                bad("a long beyond 64 bits", METRICS, with(METRIC, "contacts", "9223372036854775808"),
                        OUT_OF_RANGE, "contacts: 9223372036854775808 is beyond long range"),
                bad("a quoted long", METRICS, with(METRIC, "handled", "\"110\""),
                        MALFORMED_JSON, "handled: expected long, got string"),
                // doubles
                bad("a word for a double", SHARES, with(SHARE, "lift", "\"high\""),
                        MALFORMED_JSON, "lift: expected number, got string"),
                bad("a double beyond double range", SHARES, with(SHARE, "p_value", "1e400"), OUT_OF_RANGE, "p_value"),
                // strings and booleans
                bad("a number for a string", SURVEYS, with(SURVEY, "comment", "42"),
                        MALFORMED_JSON, "comment: expected string, got integer"),
                bad("an object for a string", SURVEYS, with(SURVEY, "customer_id", "{\"id\":1}"),
                        MALFORMED_JSON, "customer_id: expected string, got object"),
                bad("a quoted boolean", CALLS, with(CALL, "complaint", "\"true\""),
                        MALFORMED_JSON, "complaint: expected boolean, got string"),
                bad("a number for a boolean", CALLS, with(CALL, "resolved", "1"),
                        MALFORMED_JSON, "resolved: expected boolean, got integer"),
                // enums
                bad("an unknown symbol", SURVEYS, with(SURVEY, "channel", "\"CARRIER_PIGEON\""),
                        OUT_OF_RANGE, "channel: 'CARRIER_PIGEON' is not one of [VOICE"),
                bad("a symbol in lower case", CALLS, with(CALL, "type", "\"ended\""), OUT_OF_RANGE, "type: 'ended'"),
                bad("a number for a symbol", SURVEYS, with(SURVEY, "channel", "1"),
                        MALFORMED_JSON, "channel: expected enum symbol, got integer"),
                // arrays and maps
                bad("a string for an array", ALERTS, with(ALERT, "reasons", "\"csat=1\""),
                        MALFORMED_JSON, "reasons: expected array, got string"),
                bad("a number inside a string array", ALERTS, with(ALERT, "reasons", "[\"csat=1\",540]"),
                        MALFORMED_JSON, "reasons[1]: expected string, got integer"),
                bad("a null inside an array", ALERTS, with(ALERT, "reasons", "[null]"),
                        MALFORMED_JSON, "reasons[0]: expected string, got null"),
                bad("an array for a map", ALERTS, with(ALERT, "evidence", "[1.0]"),
                        MALFORMED_JSON, "evidence: expected object, got array"),
                bad("a word inside a map of numbers", ALERTS, with(ALERT, "evidence", "{\"csat\":1,\"lift\":\"high\"}"),
                        MALFORMED_JSON, "evidence.lift: expected number, got string"),
                bad("a map value beyond double range", ALERTS, with(ALERT, "evidence", "{\"lift\":-1e999}"),
                        OUT_OF_RANGE, "evidence.lift"));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("badLines")
    void everyBadLineIsRejectedWithItsReasonAndTheFieldItNames(
            String story, JsonRecordMapper<?> mapper, String line, DeadLetterReason reason, String message) {
        assertThatThrownBy(() -> mapper.read(line))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
    }

    @Test
    void anEnumSymbolOutsideTheSchemaIsRejectedNotMappedToTheDefault() {
        assertThatThrownBy(() -> ALERTS.read(with(ALERT, "kind", "\"BRAND_NEW_KIND\"")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("kind: 'BRAND_NEW_KIND' is not one of")
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(OUT_OF_RANGE));
    }

    @Test
    void a64BitOverflowInAnIntFieldIsOutOfRange() {
        assertThatThrownBy(() -> SURVEYS.read(with(SURVEY, "nps", "-9223372036854775809")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("nps")
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(OUT_OF_RANGE));
    }

    @Test
    void errorMessagesNeverEchoMoreThanAShortPieceOfTheLine() {
        String secret = "customer-private-" + "x".repeat(500);
        List<String> lines = List.of(
                "{" + secret,
                secret,
                with(SURVEY, "event_time", "\"" + secret + "\""),
                with(SURVEY, "channel", "\"" + secret + "\""),
                with(SURVEY, "csat", "1" + "0".repeat(500)),
                with(ALERT, "evidence", "{\"" + secret + "\":\"x\"}"));

        for (String line : lines) {
            assertThatThrownBy(() -> (line.contains("evidence") ? ALERTS : SURVEYS).read(line))
                    .isInstanceOf(InvalidRecordException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).doesNotContain("x".repeat(100)));
        }
    }

    @Test
    void aMapperStillWorksAfterJavaSerialization() throws Exception {
        SURVEYS.read(SURVEY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SURVEYS);
        }
        @SuppressWarnings("unchecked")
        JsonRecordMapper<SurveyResponse> copy = (JsonRecordMapper<SurveyResponse>)
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(copy.recordClass()).isEqualTo(SurveyResponse.class);
        assertThat(copy.read(SURVEY)).isEqualTo(SURVEYS.read(SURVEY));
        assertThat(copy.write(copy.read(SURVEY))).isEqualTo(SURVEY);
    }

    // --- test data -------------------------------------------------------------------------

    private static MetricSnapshot billingQueueHour() {
        return MetricSnapshot.newBuilder()
                .setDimension(Dimension.QUEUE)
                .setDimensionValue("billing")
                .setWindowStart(NINE_AM)
                .setWindowEnd(NINE_AM.plus(Duration.ofHours(1)))
                .setFinal$(true)
                .setContacts(120).setHandled(110).setAbandoned(10).setAnsweredWithinSl(90)
                .setWaitMsSum(3_300_000).setHandleMsSum(33_000_000).setComplaints(4)
                .setAbandonRate(10 / 120.0).setAsaS(30.0).setAhtS(300.0).setComplaintRate(4 / 120.0)
                // no surveys this hour: csat_pct, nps and fcr_rate stay null
                .build();
    }

    private static SupplierShare outlierShare() {
        return SupplierShare.newBuilder()
                .setWindowStart(NINE_AM).setWindowEnd(NINE_AM.plus(Duration.ofDays(1)))
                .setCategory(ComplaintCategory.SHIPPING).setSupplierId("WH-3")
                .setShipments(300).setComplaints(54).setShipmentShare(0.03).setComplaintShare(0.27)
                .setLift(9.0).setPValue(1e-40).setQValue(6e-40).setFlagged(true)
                .build();
    }

    private static Arguments bad(
            String story, JsonRecordMapper<?> mapper, String line, DeadLetterReason reason, String message) {
        return Arguments.of(story, mapper, line, reason, message);
    }

    /** The line with {@code field} set to the raw JSON text {@code value} (which may be invalid JSON). */
    private static String with(String line, String field, String value) {
        String rest = without(line, field);
        String separator = rest.equals("{}") ? "" : ",";
        return rest.substring(0, rest.length() - 1) + separator + "\"" + field + "\":" + value + "}";
    }

    private static String without(String line, String field) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove(field);
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
