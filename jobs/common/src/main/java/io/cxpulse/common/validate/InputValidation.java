package io.cxpulse.common.validate;

import static io.cxpulse.common.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxpulse.common.serde.DeadLetterReason.MISSING_FIELD;
import static io.cxpulse.common.serde.DeadLetterReason.OUT_OF_RANGE;
import static io.cxpulse.common.serde.DeadLetterReason.OVERSIZED;

import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The contract's rules for each input record, beyond what the Avro schema can say: ids are not
 * blank, {@code event_time} is plausible, scores are on their scales, an event type the
 * pipeline does not know (the enum's default symbol, what an older reader sees for a newer
 * writer's symbol) is not guessed at, and no string field is larger than the limit.
 */
public final class InputValidation {

    private InputValidation() {}

    public static void call(CallEvent e, ValidationRules rules) throws InvalidRecordException {
        common(e, e.getEventId(), e.getEventTime(), e.getCustomerId(), rules);
        requireText("call_id", e.getCallId());
        requireText("queue", e.getQueue());
        if (e.getType() == CallEventType.UNKNOWN) {
            throw new InvalidRecordException(OUT_OF_RANGE, "type: unknown call event type");
        }
    }

    public static void chat(ChatEvent e, ValidationRules rules) throws InvalidRecordException {
        common(e, e.getEventId(), e.getEventTime(), e.getCustomerId(), rules);
        requireText("chat_id", e.getChatId());
        if (e.getType() == ChatEventType.UNKNOWN) {
            throw new InvalidRecordException(OUT_OF_RANGE, "type: unknown chat event type");
        }
    }

    public static void survey(SurveyResponse e, ValidationRules rules) throws InvalidRecordException {
        common(e, e.getEventId(), e.getEventTime(), e.getCustomerId(), rules);
        requireText("interaction_id", e.getInteractionId());
        Integer csat = e.getCsat();
        if (csat != null && (csat < 1 || csat > 5)) {
            throw new InvalidRecordException(OUT_OF_RANGE, "csat: " + csat + " outside 1..5");
        }
        Integer nps = e.getNps();
        if (nps != null && (nps < 0 || nps > 10)) {
            throw new InvalidRecordException(OUT_OF_RANGE, "nps: " + nps + " outside 0..10");
        }
    }

    public static void shipment(ShipmentEvent e, ValidationRules rules) throws InvalidRecordException {
        common(e, e.getEventId(), e.getEventTime(), e.getCustomerId(), rules);
        requireText("order_id", e.getOrderId());
        requireText("supplier_id", e.getSupplierId());
        if (e.getType() == ShipmentEventType.UNKNOWN) {
            throw new InvalidRecordException(OUT_OF_RANGE, "type: unknown shipment event type");
        }
        if (e.getPromisedTime() != null) {
            requirePlausible("promised_time", e.getPromisedTime(), rules);
        }
    }

    public static void complaint(ComplaintEvent e, ValidationRules rules) throws InvalidRecordException {
        common(e, e.getEventId(), e.getEventTime(), e.getCustomerId(), rules);
        requireText("complaint_id", e.getComplaintId());
        if (e.getType() == ComplaintEventType.UNKNOWN) {
            throw new InvalidRecordException(OUT_OF_RANGE, "type: unknown complaint event type");
        }
        Integer level = e.getLevel();
        if (level != null && level < 0) {
            throw new InvalidRecordException(OUT_OF_RANGE, "level: " + level + " is negative");
        }
    }

    private static void common(
            SpecificRecordBase record, String eventId, Instant eventTime, String customerId,
            ValidationRules rules) throws InvalidRecordException {
        requireText("event_id", eventId);
        requireText("customer_id", customerId);
        if (eventTime == null) {
            throw new InvalidRecordException(BAD_TIMESTAMP, "event_time: missing");
        }
        requirePlausible("event_time", eventTime, rules);
        requireSizes(record, rules.maxFieldChars());
    }

    private static void requireText(String field, String value) throws InvalidRecordException {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException(MISSING_FIELD, field + ": missing or blank");
        }
    }

    private static void requirePlausible(String field, Instant time, ValidationRules rules)
            throws InvalidRecordException {
        if (time.isBefore(rules.earliestEventTime()) || !time.isBefore(rules.latestEventTime())) {
            throw new InvalidRecordException(BAD_TIMESTAMP, field + ": " + time + " is implausible");
        }
    }

    /** Walks the record's string fields (top level: input records are flat). */
    private static void requireSizes(SpecificRecordBase record, int maxChars) throws InvalidRecordException {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence text && text.length() > maxChars) {
                throw new InvalidRecordException(
                        OVERSIZED, field.name() + ": " + text.length() + " characters, limit " + maxChars);
            }
            if ((value instanceof Collection<?> c && c.size() > maxChars)
                    || (value instanceof Map<?, ?> m && m.size() > maxChars)) {
                throw new InvalidRecordException(OVERSIZED, field.name() + ": too many items");
            }
        }
    }
}
