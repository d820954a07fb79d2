package io.cxpulse.simulate;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted incident: what, whom, when (offset from the simulation's start), for how long,
 * and how strong (see {@link IncidentKind} for what strength means for each kind).
 */
public record Incident(IncidentKind kind, String subject, Duration start, Duration length, double strength) {

    public Incident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("incident subject must not be blank");
        }
        if (start.isNegative() || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("incident start must not be negative and its length must be positive");
        }
        if (!(strength > 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("incident strength must be positive, was " + strength);
        }
    }

    public Duration end() {
        return start.plus(length);
    }

    /** Whether the incident is under way {@code offsetMs} after the simulation's start. */
    public boolean activeAt(long offsetMs) {
        return offsetMs >= start.toMillis() && offsetMs < end().toMillis();
    }
}
