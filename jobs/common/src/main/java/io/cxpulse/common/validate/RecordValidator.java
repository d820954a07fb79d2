package io.cxpulse.common.validate;

import io.cxpulse.common.serde.InvalidRecordException;
import java.io.Serializable;

/**
 * A record-type specific check that runs after decoding and before anything else sees the
 * record. A record that fails goes to the dead letters with the reason; it never reaches a
 * detector.
 */
@FunctionalInterface
public interface RecordValidator<T> extends Serializable {

    void validate(T record, ValidationRules rules) throws InvalidRecordException;
}
