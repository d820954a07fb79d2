package io.cxpulse.common.deadletter;

/**
 * Header names on {@code cx.deadletter.v1}. They are the names Kafka Connect's dead-letter
 * queue uses ({@code errors.deadletterqueue.context.headers.enable}), so tools built for
 * Connect's dead letters read ours; the job name goes where Connect puts the connector name.
 * The reason code and the size, hash and truncation of the original value are ours.
 */
public final class DeadLetterHeaders {

    public static final String TOPIC = "__connect.errors.topic";
    public static final String PARTITION = "__connect.errors.partition";
    public static final String OFFSET = "__connect.errors.offset";
    public static final String JOB = "__connect.errors.connector.name";
    public static final String ERROR_CLASS = "__connect.errors.exception.class.name";
    public static final String ERROR_MESSAGE = "__connect.errors.exception.message";
    public static final String REASON = "__cxpulse.errors.reason";
    /** Bytes of the original value (set when it had one). */
    public static final String ORIGINAL_SIZE = "__cxpulse.errors.original.size";
    /** SHA-256 of the whole original value, hex (set when it had one). */
    public static final String ORIGINAL_SHA256 = "__cxpulse.errors.original.sha256";
    /** "true" when the value was cut to the payload limit (absent otherwise). */
    public static final String TRUNCATED = "__cxpulse.errors.truncated";

    private DeadLetterHeaders() {}
}
