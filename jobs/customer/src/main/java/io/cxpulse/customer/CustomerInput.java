package io.cxpulse.customer;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One input event of any of the five inputs, as it crosses the one keyed exchange into the
 * customer core: exactly one field is set. Every input carries {@code customer_id}, the key.
 * Serialized as a tag byte and that record in Avro ({@link #TYPE}).
 */
public final class CustomerInput {

    /** The inputs in the contract's order; the index tells them apart in event-id hashes. */
    public static final int CALL = 0;
    public static final int CHAT = 1;
    public static final int SURVEY = 2;
    public static final int SHIPMENT = 3;
    public static final int COMPLAINT = 4;

    public CallEvent call;
    public ChatEvent chat;
    public SurveyResponse survey;
    public ShipmentEvent shipment;
    public ComplaintEvent complaint;

    public CustomerInput() {}

    /** Its type for Flink: a tag byte and the one record ({@link CustomerInputSerializer}). */
    public static final TypeInformation<CustomerInput> TYPE = new CustomerInputTypeInfo();

    public static CustomerInput of(CallEvent e) {
        CustomerInput in = new CustomerInput();
        in.call = e;
        return in;
    }

    public static CustomerInput of(ChatEvent e) {
        CustomerInput in = new CustomerInput();
        in.chat = e;
        return in;
    }

    public static CustomerInput of(SurveyResponse e) {
        CustomerInput in = new CustomerInput();
        in.survey = e;
        return in;
    }

    public static CustomerInput of(ShipmentEvent e) {
        CustomerInput in = new CustomerInput();
        in.shipment = e;
        return in;
    }

    public static CustomerInput of(ComplaintEvent e) {
        CustomerInput in = new CustomerInput();
        in.complaint = e;
        return in;
    }

    /** The key of the exchange. */
    public static String customerOf(CustomerInput in) {
        return switch (in.input()) {
            case CALL -> in.call.getCustomerId();
            case CHAT -> in.chat.getCustomerId();
            case SURVEY -> in.survey.getCustomerId();
            case SHIPMENT -> in.shipment.getCustomerId();
            default -> in.complaint.getCustomerId();
        };
    }

    /** The one record it holds. */
    Object record() {
        return switch (input()) {
            case CALL -> call;
            case CHAT -> chat;
            case SURVEY -> survey;
            case SHIPMENT -> shipment;
            default -> complaint;
        };
    }

    /** The input event {@code record} of the given input ({@link #CALL} ... {@link #COMPLAINT}). */
    static CustomerInput of(int input, Object record) {
        return switch (input) {
            case CALL -> of((CallEvent) record);
            case CHAT -> of((ChatEvent) record);
            case SURVEY -> of((SurveyResponse) record);
            case SHIPMENT -> of((ShipmentEvent) record);
            case COMPLAINT -> of((ComplaintEvent) record);
            default -> throw new IllegalArgumentException("not an input: " + input);
        };
    }

    /** Which input it is: {@link #CALL} ... {@link #COMPLAINT}. */
    public int input() {
        if (call != null) {
            return CALL;
        }
        if (chat != null) {
            return CHAT;
        }
        if (survey != null) {
            return SURVEY;
        }
        if (shipment != null) {
            return SHIPMENT;
        }
        return COMPLAINT;
    }

    public String eventId() {
        return switch (input()) {
            case CALL -> call.getEventId();
            case CHAT -> chat.getEventId();
            case SURVEY -> survey.getEventId();
            case SHIPMENT -> shipment.getEventId();
            default -> complaint.getEventId();
        };
    }

    public long eventTimeMs() {
        return switch (input()) {
            case CALL -> call.getEventTime().toEpochMilli();
            case CHAT -> chat.getEventTime().toEpochMilli();
            case SURVEY -> survey.getEventTime().toEpochMilli();
            case SHIPMENT -> shipment.getEventTime().toEpochMilli();
            default -> complaint.getEventTime().toEpochMilli();
        };
    }
}
