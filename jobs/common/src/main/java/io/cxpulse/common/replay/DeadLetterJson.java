package io.cxpulse.common.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.common.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A dead letter as one line of {@code deadletter.jsonl}: where it came from ({@code file} and
 * {@code line} for replay input, {@code topic}, {@code partition} and {@code offset} for
 * Kafka), {@code reason}, {@code error_class}, {@code error_message}, {@code job}, and the
 * original input: {@code raw} (the line as text) for a file, {@code raw_base64} for Kafka bytes.
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
        if (d.value != null) {
            if (d.fromFile()) {
                node.put("raw", new String(d.value, StandardCharsets.UTF_8));
            } else {
                node.put("raw_base64", Base64.getEncoder().encodeToString(d.value));
            }
        }
        return node.toString();
    }
}
