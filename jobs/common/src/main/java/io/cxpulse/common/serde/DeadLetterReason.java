package io.cxpulse.common.serde;

/**
 * Why a record went to the dead-letter topic. Each reason has its own Flink counter
 * ({@code deadLetters.<metricName>}), so an operator sees at a glance what kind of bad input
 * arrives.
 */
public enum DeadLetterReason {
    /** The bytes are not a record in the configured wire format (wrong magic byte, too short). */
    WRONG_WIRE_FORMAT("wrongWireFormat"),
    /** The writer schema is unknown: an unknown fingerprint or registry id. */
    UNKNOWN_SCHEMA("unknownSchema"),
    /** The bytes claim the right format but do not decode (truncated, forged lengths). */
    UNDECODABLE("undecodable"),
    /** A line of a replay file is not a JSON object, or a field has the wrong JSON type. */
    MALFORMED_JSON("malformedJson"),
    /** A required field is absent or null. */
    MISSING_FIELD("missingField"),
    /** A value outside its allowed range (csat outside 1..5, nps outside 0..10, unknown enum). */
    OUT_OF_RANGE("outOfRange"),
    /** {@code event_time} (or another timestamp) is missing, unparseable or implausible. */
    BAD_TIMESTAMP("badTimestamp"),
    /** A field, or the whole record, is larger than the configured limit. */
    OVERSIZED("oversized");

    private final String metricName;

    DeadLetterReason(String metricName) {
        this.metricName = metricName;
    }

    /** The camelCase name used for this reason's Flink counter. */
    public String metricName() {
        return metricName;
    }
}
