package io.cxpulse.console.logic;

import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One alert episode as a supervisor sees it: every record with the same {@code alert_id}
 * (OPEN, then UPDATEs, then RESOLVED) collapsed into one row that shows the latest status,
 * severity and summary, with its updates and what people did about it.
 *
 * @param updates the episode's records, oldest first; a long episode keeps its first and its
 *     latest ones ({@code updateCount} says how many there were)
 * @param version the console's change number of the episode's latest change
 */
public record Episode(String alertId, AlertKind kind, SubjectType subjectType, String subjectId, String teamId,
        String customerId, List<AlertUpdate> updates, int updateCount, Handling handling, long version) {

    public AlertUpdate latest() {
        return updates.get(updates.size() - 1);
    }

    public AlertStatus status() {
        return latest().status();
    }

    public Severity severity() {
        return latest().severity();
    }

    public String summary() {
        return latest().summary();
    }

    /** When the pipeline detected the episode (its first record's {@code detected_at}). */
    public Instant openedAt() {
        return updates.get(0).detectedAt();
    }

    /** When the pipeline last updated it. */
    public Instant updatedAt() {
        return latest().detectedAt();
    }

    /** Its latest change, by the pipeline or a person. */
    public Instant lastActivity() {
        Instant acted = handling.lastActionAt().orElse(Instant.EPOCH);
        return acted.isAfter(updatedAt()) ? acted : updatedAt();
    }

    /**
     * When it stopped needing attention: resolved by the pipeline or closed by a person,
     * whichever came first; empty while it is live.
     */
    public Optional<Instant> doneAt() {
        Instant resolved = status() == AlertStatus.RESOLVED ? updatedAt() : null;
        Instant closed = handling.closing().map(Handling.Entry::at).orElse(null);
        if (resolved == null) {
            return Optional.ofNullable(closed);
        }
        return Optional.of(closed != null && closed.isBefore(resolved) ? closed : resolved);
    }

    public Routing routing() {
        return new Routing(teamId, subjectType, subjectId);
    }

    Episode withHandling(Handling newHandling, long newVersion) {
        return new Episode(alertId, kind, subjectType, subjectId, teamId, customerId, updates, updateCount,
                newHandling, newVersion);
    }
}
