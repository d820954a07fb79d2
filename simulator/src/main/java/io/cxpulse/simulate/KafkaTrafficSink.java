package io.cxpulse.simulate;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends simulated events to the input topics in the configured wire format, keyed as the
 * contract says, with an idempotent producer ({@code acks=all}). The client settings, SASL and
 * TLS included, come from the configuration. A send that fails fails the next call: traffic is
 * not lost silently.
 */
public final class KafkaTrafficSink implements TrafficSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<InputTopic<?>, RecordCodec<SpecificRecordBase>> codecs = new HashMap<>();
    private final Map<InputTopic<?>, String> topics = new HashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** An idempotent producer: what {@code simulate} sends arrives once, in order. */
    public KafkaTrafficSink(CxPulseConfig config) {
        this(config, true);
    }

    /**
     * @param idempotent false for one request in flight at a time and no producer sequence
     *     numbers instead (still in order; a lost acknowledgement could duplicate a batch, which
     *     the pipeline's de-duplication drops). The benchmark pre-loads this way: on a loaded
     *     machine an idempotent producer has been seen to resend a first batch that had already
     *     been written behind later ones, and the broker refused it with
     *     OutOfOrderSequenceException until the delivery timeout failed the whole pre-load.
     */
    @SuppressWarnings("unchecked")
    public KafkaTrafficSink(CxPulseConfig config, boolean idempotent) {
        Properties props = new Properties();
        props.putAll(config.kafka().clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
        if (!idempotent) {
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        }
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-simulator");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        for (InputTopic<?> input : InputTopic.ALL) {
            RecordCodec<SpecificRecordBase> codec =
                    Codecs.forRecord((Class<SpecificRecordBase>) input.recordClass(), config.serde());
            codec.open();
            codecs.put(input, codec);
            topics.put(input, config.topics().of(input));
        }
    }

    @Override
    public void send(SimEvent event) throws Exception {
        send(event, null);
    }

    /**
     * Sends with {@code timestampMs} as the Kafka record's timestamp (the benchmark stamps each
     * event with its scheduled send time); null leaves it to the producer's clock.
     */
    @SuppressWarnings("unchecked")
    public void send(SimEvent event, Long timestampMs) throws Exception {
        rethrow();
        InputTopic<SpecificRecordBase> input = (InputTopic<SpecificRecordBase>) event.input();
        String topic = topics.get(input);
        byte[] value = codecs.get(input).encode(topic, event.record());
        byte[] key = input.key().apply(event.record()).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() throws Exception {
        producer.flush();
        rethrow();
    }

    @Override
    public void close() throws Exception {
        try {
            flush();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
    }

    private void rethrow() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending simulated traffic failed: " + e.getMessage(), e);
        }
    }
}
