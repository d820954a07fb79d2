package io.cxpulse.common.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as its original key and bytes (cut to the payload limit, see {@link
 * DeadLetter}), with the context in headers.
 */
public final class DeadLetterKafkaSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterKafkaSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.TOPIC, bytes(letter.source));
        headers.add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(letter.partition)));
        headers.add(DeadLetterHeaders.OFFSET, bytes(Long.toString(letter.offset)));
        headers.add(DeadLetterHeaders.JOB, bytes(letter.job));
        headers.add(DeadLetterHeaders.ERROR_CLASS, bytes(letter.errorClass));
        headers.add(DeadLetterHeaders.ERROR_MESSAGE, bytes(letter.errorMessage));
        headers.add(DeadLetterHeaders.REASON, bytes(letter.reason));
        if (letter.originalSize >= 0) {
            headers.add(DeadLetterHeaders.ORIGINAL_SIZE, bytes(Long.toString(letter.originalSize)));
        }
        if (letter.sha256 != null) {
            headers.add(DeadLetterHeaders.ORIGINAL_SHA256, bytes(letter.sha256));
        }
        if (letter.truncated()) {
            headers.add(DeadLetterHeaders.TRUNCATED, bytes("true"));
        }
        return new ProducerRecord<>(topic, null, null, letter.key, letter.value, headers);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(UTF_8);
    }
}
