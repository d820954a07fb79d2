package io.cxpulse.console.kafka;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.schema.AlertAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes alert actions to {@code cx.alert-actions.v1}, key {@code alert_id}, in the configured
 * wire format: an idempotent producer, acknowledged by every in-sync replica before the browser
 * is told. The console then shows the action once it has read it back, as every other console
 * instance does.
 */
public final class ActionWriter implements AutoCloseable {

    private final String topic;
    private final RecordCodec<AlertAction> codec;
    private final KafkaProducer<byte[], byte[]> producer;

    public ActionWriter(CxPulseConfig config) {
        this.topic = config.topics().alertActions();
        this.codec = Codecs.forRecord(AlertAction.class, config.serde());
        this.codec.open();
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-console-actions");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Writes {@code action} and waits until the broker has it.
     *
     * @throws ActionNotWrittenException when the broker did not confirm it in time
     */
    public void write(AlertAction action, Duration timeout) throws ActionNotWrittenException {
        byte[] value = codec.encode(topic, action);
        try {
            producer.send(new ProducerRecord<>(topic, action.getAlertId().getBytes(StandardCharsets.UTF_8), value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new ActionNotWrittenException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionNotWrittenException(e);
        }
    }

    /** The broker did not confirm an action: the browser is told to try again (503). */
    public static final class ActionNotWrittenException extends Exception {
        private static final long serialVersionUID = 1L;

        ActionNotWrittenException(Throwable cause) {
            super("the action was not recorded: " + cause.getClass().getSimpleName(), cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
