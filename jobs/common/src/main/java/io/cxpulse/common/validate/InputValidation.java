package io.cxpulse.common.validate;

import static io.cxpulse.common.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxpulse.common.serde.DeadLetterReason.MISSING_FIELD;
import static io.cxpulse.common.serde.DeadLetterReason.OUT_OF_RANGE;
import static io.cxpulse.common.serde.DeadLetterReason.OVERSIZED;
import static io.cxpulse.common.serde.DeadLetterReason.UNDECODABLE;

import io.cxpulse.common.serde.InvalidRecordException;
import io.cxpulse.common.text.SafeText;
import io.cxpulse.common.text.Utf8Check;
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
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The contract's rules for each input record, beyond what the Avro schema can say: ids are not
 * blank, {@code event_time} is plausible, scores are on their scales, an event type the
 * pipeline does not know (the enum's default symbol, what an older reader sees for a newer
 * writer's symbol) is not guessed at, no string field is larger than the limit or holds a lone
 * surrogate, an identifier holds no control or format character, and {@code event_time} is no
 * more than {@code sources.max-future-skew} ahead of the clock.
 */
public final class InputValidation {

    /** The fields that carry what people wrote; every other string field is an identifier or code. */
    static final Set<String> FREE_TEXT = Set.of("text", "comment");

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
        if (eventTime.toEpochMilli() > rules.latestEventTimeMsNow()) {
            throw new InvalidRecordException(BAD_TIMESTAMP, "event_time: " + eventTime + " is in the future (more than "
                    + rules.maxFutureSkew() + " ahead of the clock)");
        }
        requireText(record, rules.maxFieldChars());
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

    /**
     * Walks the record's string fields (top level: input records are flat): none larger than the
     * limit, none with a lone surrogate (not Unicode text: it has no UTF-8 form), and no control
     * or format character in an identifier (an ESC sequence in a customer id would reach alert
     * subjects, terminals and pages). Free text ({@link #FREE_TEXT}) keeps control characters:
     * whoever shows it neutralises them.
     */
    private static void requireText(SpecificRecordBase record, int maxChars) throws InvalidRecordException {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence text) {
                if (text.length() > maxChars) {
                    throw new InvalidRecordException(
                            OVERSIZED, field.name() + ": " + text.length() + " characters, limit " + maxChars);
                }
                int lone = Utf8Check.firstLoneSurrogate(text);
                if (lone >= 0) {
                    throw new InvalidRecordException(UNDECODABLE, field.name() + ": not Unicode text (a lone surrogate "
                            + String.format("U+%04X", (int) text.charAt(lone)) + " at character " + lone + ")");
                }
                if (!FREE_TEXT.contains(field.name())) {
                    requireIdentifier(field.name(), text);
                }
            }
            if ((value instanceof Collection<?> c && c.size() > maxChars)
                    || (value instanceof Map<?, ?> m && m.size() > maxChars)) {
                throw new InvalidRecordException(OVERSIZED, field.name() + ": too many items");
            }
        }
    }

    private static void requireIdentifier(String field, CharSequence text) throws InvalidRecordException {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (SafeText.isHidden(cp)) {
                throw new InvalidRecordException(OUT_OF_RANGE, field + ": control or format character "
                        + String.format("U+%04X", cp) + " at character " + i + " (not allowed in an identifier)");
            }
            i += Character.charCount(cp);
        }
    }
}
