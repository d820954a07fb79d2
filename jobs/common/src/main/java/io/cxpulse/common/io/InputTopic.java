package io.cxpulse.common.io;

import io.cxpulse.common.validate.InputValidation;
import io.cxpulse.common.validate.RecordValidator;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One input of the contract: its record class, its replay file, how to read its id, time and
 * Kafka key, and how to validate it. The Kafka topic name comes from configuration
 * ({@link io.cxpulse.common.config.TopicsConfig}), so tests and operators can rename topics.
 *
 * @param name short name: the key in the {@code topics:} configuration and in metric names
 * @param replayFile file name in a replay input directory
 */
public record InputTopic<T extends SpecificRecordBase>(
        String name,
        Class<T> recordClass,
        String replayFile,
        SerializableFunction<T, String> eventId,
        SerializableFunction<T, Instant> eventTime,
        SerializableFunction<T, String> key,
        RecordValidator<T> validator) implements Serializable {

    public static final InputTopic<CallEvent> CALLS = new InputTopic<>(
            "calls", CallEvent.class, "calls.jsonl",
            CallEvent::getEventId, CallEvent::getEventTime, CallEvent::getCallId, InputValidation::call);

    public static final InputTopic<ChatEvent> CHATS = new InputTopic<>(
            "chats", ChatEvent.class, "chats.jsonl",
            ChatEvent::getEventId, ChatEvent::getEventTime, ChatEvent::getChatId, InputValidation::chat);

    public static final InputTopic<SurveyResponse> SURVEYS = new InputTopic<>(
            "surveys", SurveyResponse.class, "surveys.jsonl",
            SurveyResponse::getEventId, SurveyResponse::getEventTime, SurveyResponse::getInteractionId,
            InputValidation::survey);

    public static final InputTopic<ShipmentEvent> SHIPMENTS = new InputTopic<>(
            "shipments", ShipmentEvent.class, "shipments.jsonl",
            ShipmentEvent::getEventId, ShipmentEvent::getEventTime, ShipmentEvent::getOrderId,
            InputValidation::shipment);

    public static final InputTopic<ComplaintEvent> COMPLAINTS = new InputTopic<>(
            "complaints", ComplaintEvent.class, "complaints.jsonl",
            ComplaintEvent::getEventId, ComplaintEvent::getEventTime, ComplaintEvent::getComplaintId,
            InputValidation::complaint);

    /** Every input, in the contract's order. */
    public static final List<InputTopic<?>> ALL = List.of(CALLS, CHATS, SURVEYS, SHIPMENTS, COMPLAINTS);

    public TypeInformation<T> typeInfo() {
        return new AvroTypeInfo<>(recordClass);
    }

    @Override
    public String toString() {
        return name;
    }
}
