package io.cxpulse.common.deadletter;

/**
 * Header names on {@code cx.deadletter.v1}. They are the names Kafka Connect's dead-letter
 * queue uses ({@code errors.deadletterqueue.context.headers.enable}), so tools built for
 * Connect's dead letters read ours; the job name goes where Connect puts the connector name.
 * The reason code is ours.
 */
public final class DeadLetterHeaders {

    public static final String TOPIC = "__connect.errors.topic";
    public static final String PARTITION = "__connect.errors.partition";
    public static final String OFFSET = "__connect.errors.offset";
    public static final String JOB = "__connect.errors.connector.name";
    public static final String ERROR_CLASS = "__connect.errors.exception.class.name";
    public static final String ERROR_MESSAGE = "__connect.errors.exception.message";
    public static final String REASON = "__cxpulse.errors.reason";

    private DeadLetterHeaders() {}
}
