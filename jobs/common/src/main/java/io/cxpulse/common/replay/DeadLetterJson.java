package io.cxpulse.common.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.text.Utf8Check;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A dead letter as one line of {@code deadletter.jsonl}: where it came from ({@code file} and
 * {@code line} for replay input, {@code topic}, {@code partition} and {@code offset} for
 * Kafka), {@code reason}, {@code error_class}, {@code error_message}, {@code job}, and the
 * original input: {@code raw} (the line as text) for a file, {@code raw_base64} for Kafka bytes and
 * for a line that is not UTF-8; {@code original_bytes} and {@code sha256} of the whole input,
 * and {@code truncated: true} when only its first bytes are kept (see {@link DeadLetter}).
 */
public final class DeadLetterJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterJson() {}

    public static String format(DeadLetter d) {
        ObjectNode node = JSON.createObjectNode();
        if (d.fromFile()) {
            node.put("file", d.source);
            node.put("line", d.offset);
        } else {
            node.put("topic", d.source);
            node.put("partition", d.partition);
            node.put("offset", d.offset);
        }
        node.put("reason", d.reason);
        node.put("error_class", d.errorClass);
        node.put("error_message", d.errorMessage);
        node.put("job", d.job);
        if (d.originalSize >= 0) {
            node.put("original_bytes", d.originalSize);
        }
        if (d.sha256 != null) {
            node.put("sha256", d.sha256);
        }
        if (d.truncated()) {
            node.put("truncated", true);
        }
        if (d.value != null) {
            String text = d.fromFile() ? asText(d.value, d.truncated()) : null;
            if (text != null) {
                node.put("raw", text);
            } else {
                node.put("raw_base64", Base64.getEncoder().encodeToString(d.value));
            }
        }
        return node.toString();
    }

    /**
     * The bytes as text when they are well-formed UTF-8 (a cut line may end inside a sequence:
     * that tail is dropped), else null.
     */
    private static String asText(byte[] bytes, boolean cut) {
        int length = bytes.length;
        if (cut) {
            // a UTF-8 sequence is at most 4 bytes: step back over a partial last one
            int start = length - 1;
            while (start >= 0 && start > length - 4 && (bytes[start] & 0xC0) == 0x80) {
                start--;
            }
            if (start >= 0 && !Utf8Check.isWellFormed(bytes, start, length - start)) {
                length = start;
            }
        }
        return Utf8Check.isWellFormed(bytes, 0, length) ? new String(bytes, 0, length, StandardCharsets.UTF_8) : null;
    }
}
