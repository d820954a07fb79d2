package io.cxpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.simulate.SimEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A copy of the pre-loaded call and chat events as JSON, one flat object per event with the
 * Avro field names and {@code event_time} in epoch milliseconds, for R3 ({@link SqlPeer}): Flink
 * SQL's {@code avro} format reads plain Avro binary, not the single-object encoding on our topics,
 * and {@code avro-confluent} needs a Confluent client Maven Central does not serve. Written while
 * the Avro topics are filled, so the copy holds the very same events.
 */
final class JsonCopy implements AutoCloseable {

    static final String PREFIX = "bench.r3.in.";

    /** The inputs R3 reads: calls and chats alone give the QUEUE and TEAM contact counts. */
    static final List<InputTopic<?>> INPUTS = List.of(InputTopic.CALLS, InputTopic.CHATS);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String calls;
    private final String chats;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    JsonCopy(CxPulseConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafka().clientProperties());
        // As the Avro pre-load (KafkaTrafficSink): not idempotent, one request in flight, in order.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-bench-json-copy");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.calls = topic(config, InputTopic.CALLS);
        this.chats = topic(config, InputTopic.CHATS);
    }

    static String topic(CxPulseConfig config, InputTopic<?> input) {
        return PREFIX + config.topics().of(input);
    }

    /** Copies a call or chat event; other inputs are not read by R3. */
    void send(SimEvent event) throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the JSON copy failed: " + e.getMessage(), e);
        }
        if (event.record() instanceof CallEvent call) {
            send(calls, call.getCallId(), call(call));
        } else if (event.record() instanceof ChatEvent chat) {
            send(chats, chat.getChatId(), chat(chat));
        }
    }

    private void send(String topic, String key, ObjectNode value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(value)),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    static ObjectNode call(CallEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", e.getEventId());
        n.put("call_id", e.getCallId());
        n.put("type", e.getType().name());
        n.put("event_time", e.getEventTime().toEpochMilli());
        n.put("customer_id", e.getCustomerId());
        n.put("queue", e.getQueue());
        n.put("agent_id", e.getAgentId());
        n.put("team_id", e.getTeamId());
        n.put("order_id", e.getOrderId());
        n.put("reason", e.getReason());
        n.put("complaint", e.getComplaint());
        n.put("resolved", e.getResolved());
        return n;
    }

    static ObjectNode chat(ChatEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", e.getEventId());
        n.put("chat_id", e.getChatId());
        n.put("type", e.getType().name());
        n.put("event_time", e.getEventTime().toEpochMilli());
        n.put("customer_id", e.getCustomerId());
        n.put("queue", e.getQueue());
        n.put("agent_id", e.getAgentId());
        n.put("team_id", e.getTeamId());
        n.put("sender", e.getSender() == null ? null : e.getSender().name());
        n.put("text", e.getText());
        n.put("order_id", e.getOrderId());
        n.put("reason", e.getReason());
        n.put("complaint", e.getComplaint());
        n.put("resolved", e.getResolved());
        return n;
    }

    @Override
    public void close() throws Exception {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the JSON copy failed: " + e.getMessage(), e);
        }
    }
}
