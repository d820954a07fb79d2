package io.cxpulse.simulate;

import java.time.Instant;
import java.util.List;

/** Which scripted incidents are under way at a simulated instant, and how strong they are. */
final class Incidents {

    private final List<Incident> incidents;
    private final long startMs;

    Incidents(IncidentScript script, Instant start) {
        this.incidents = script.incidents();
        this.startMs = start.toEpochMilli();
    }

    /** The strength of the {@code kind} incident on {@code subject} under way at {@code timeMs}; 1 if none. */
    double strength(IncidentKind kind, String subject, long timeMs) {
        return incidents.stream().filter(i -> under(i, kind, subject, timeMs)).mapToDouble(Incident::strength)
                .reduce(1, Math::max);
    }

    boolean active(IncidentKind kind, String subject, long timeMs) {
        return incidents.stream().anyMatch(i -> under(i, kind, subject, timeMs));
    }

    private boolean under(Incident incident, IncidentKind kind, String subject, long timeMs) {
        return incident.kind() == kind && incident.subject().equals(subject) && incident.activeAt(timeMs - startMs);
    }

    /** The largest strength any {@code kind} incident on {@code subject} ever has; 1 if none. */
    double maxStrength(IncidentKind kind, String subject) {
        double strength = 1;
        for (Incident incident : incidents) {
            if (incident.kind() == kind && incident.subject().equals(subject)) {
                strength = Math.max(strength, incident.strength());
            }
        }
        return strength;
    }
}
