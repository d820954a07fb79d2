package io.cxpulse.common.serde;

/**
 * Input that cannot be turned into a valid record. It is never a job failure: the caller sends
 * the original bytes to the dead-letter topic (or file) with {@link #reason()} and the message.
 */
public final class InvalidRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public InvalidRecordException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidRecordException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
