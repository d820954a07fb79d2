package io.cxpulse.common.validate;

import java.io.Serializable;

/**
 * What every reader of input (a Kafka source, a replay file) holds a record to, and how much of
 * a bad one it keeps.
 *
 * @param rules the contract's rules for each record
 * @param maxRecordBytes a record (a Kafka value, a replay line) larger than this is a dead
 *     letter ({@code OVERSIZED}), read no further than needed to say so
 * @param deadLetterPayloadBytes the most of a bad record its dead letter keeps
 */
public record IngestLimits(ValidationRules rules, int maxRecordBytes, int deadLetterPayloadBytes)
        implements Serializable {

    public IngestLimits {
        if (maxRecordBytes <= 0 || deadLetterPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes and deadLetterPayloadBytes must be positive");
        }
    }
}
