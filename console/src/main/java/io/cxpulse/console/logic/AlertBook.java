package io.cxpulse.console.logic;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The alert episodes the console holds: every {@code Alert} record collapsed by
 * {@code alert_id}, joined with what people did about each ({@code AlertAction} records, which
 * may be read before or after their alert). Text is neutralised and sizes bounded as records
 * come in, so nothing downstream sees a raw field.
 *
 * <p>Each change gets the next version number, which the event stream uses to resume a
 * browser where it left off. Episodes whose last activity is older than the history horizon
 * leave ({@link #prune}); the actions of alerts never seen leave with the same horizon. Not
 * thread-safe: {@code ConsoleState} guards it.
 */
public final class AlertBook {

    /** Bounds on what one record may occupy. */
    static final int MAX_ID = 128;
    static final int MAX_SUMMARY = 500;
    static final int MAX_REASON = 200;
    static final int MAX_REASONS = 50;
    static final int MAX_EVIDENCE = 100;

    /** Newest first: by latest pipeline update, then id, so the order is total and stable. */
    public static final Comparator<Episode> NEWEST_FIRST =
            Comparator.comparing(Episode::updatedAt).reversed().thenComparing(Episode::alertId);

    private final int maxUpdates;
    private final Map<String, Episode> episodes = new HashMap<>();
    private final Map<String, Handling> orphanActions = new HashMap<>();
    private final Map<String, Instant> orphanSeen = new HashMap<>();
    private long version;

    /** @param maxUpdates updates kept per episode: the first and the latest {@code maxUpdates - 1} */
    public AlertBook(int maxUpdates) {
        if (maxUpdates < 2) {
            throw new IllegalArgumentException("maxUpdates must be at least 2");
        }
        this.maxUpdates = maxUpdates;
    }

    /** Adds an alert record; returns the changed episode, or empty when it repeats the latest one. */
    public Optional<Episode> apply(Alert alert) {
        String id = SafeText.clean(alert.getAlertId(), MAX_ID);
        AlertUpdate update = updateOf(alert);
        Episode old = episodes.get(id);
        List<AlertUpdate> updates;
        int count;
        Handling handling;
        if (old == null) {
            updates = List.of(update);
            count = 1;
            Handling waiting = orphanActions.remove(id);
            orphanSeen.remove(id);
            handling = waiting == null ? Handling.NONE : waiting;
        } else {
            if (old.latest().equals(update)) {
                return Optional.empty();
            }
            List<AlertUpdate> grown = new ArrayList<>(old.updates());
            grown.add(update);
            if (grown.size() > maxUpdates) {
                grown.remove(1); // keep the first: when and how the episode began
            }
            updates = List.copyOf(grown);
            count = old.updateCount() + 1;
            handling = old.handling();
        }
        Episode episode = new Episode(id, alert.getKind(), alert.getSubjectType(),
                SafeText.clean(alert.getSubjectId(), MAX_ID), SafeText.clean(alert.getTeamId(), MAX_ID),
                SafeText.clean(alert.getCustomerId(), MAX_ID), updates, count, handling, ++version);
        episodes.put(id, episode);
        return Optional.of(episode);
    }

    /**
     * Adds an action record; returns the changed episode, or empty when its alert is not held
     * (the action waits for it) or the record adds nothing new.
     */
    public Optional<Episode> apply(AlertAction action, Instant now) {
        String id = SafeText.clean(action.getAlertId(), MAX_ID);
        Episode old = episodes.get(id);
        if (old == null) {
            orphanActions.put(id, orphanActions.getOrDefault(id, Handling.NONE).with(action));
            orphanSeen.put(id, now);
            return Optional.empty();
        }
        Handling handling = old.handling().with(action);
        if (handling.size() == old.handling().size()) {
            return Optional.empty();
        }
        Episode episode = old.withHandling(handling, ++version);
        episodes.put(id, episode);
        return Optional.of(episode);
    }

    public Optional<Episode> get(String alertId) {
        return Optional.ofNullable(episodes.get(alertId));
    }

    /** The episodes {@code filter} accepts, newest first, at most {@code limit}. */
    public List<Episode> query(Predicate<Episode> filter, int limit) {
        return episodes.values().stream().filter(filter).sorted(NEWEST_FIRST).limit(limit).toList();
    }

    public int size() {
        return episodes.size();
    }

    /** The latest version number given to a change. */
    public long version() {
        return version;
    }

    /**
     * Removes the episodes whose last activity is before {@code horizon}, and actions waiting
     * that long for an alert; returns the removed episodes (each with a new version, so the
     * stream can announce their removal in order).
     */
    public List<Episode> prune(Instant horizon) {
        Map<String, Episode> removed = new LinkedHashMap<>();
        for (Iterator<Episode> it = episodes.values().iterator(); it.hasNext(); ) {
            Episode e = it.next();
            if (e.lastActivity().isBefore(horizon)) {
                it.remove();
                removed.put(e.alertId(), e.withHandling(e.handling(), ++version));
            }
        }
        orphanSeen.entrySet().removeIf(e -> {
            boolean old = e.getValue().isBefore(horizon);
            if (old) {
                orphanActions.remove(e.getKey());
            }
            return old;
        });
        return List.copyOf(removed.values());
    }

    private static AlertUpdate updateOf(Alert a) {
        List<String> reasons = new ArrayList<>();
        for (String r : a.getReasons()) {
            if (reasons.size() == MAX_REASONS) {
                break;
            }
            reasons.add(SafeText.clean(r, MAX_REASON));
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : a.getEvidence().entrySet()) {
            if (evidence.size() == MAX_EVIDENCE) {
                break;
            }
            Double v = e.getValue();
            evidence.put(SafeText.clean(e.getKey(), MAX_REASON), v == null || !Double.isFinite(v) ? null : v);
        }
        return new AlertUpdate(a.getStatus(), a.getSeverity(), SafeText.clean(a.getSummary(), MAX_SUMMARY),
                List.copyOf(reasons), java.util.Collections.unmodifiableMap(evidence), a.getEventTime(),
                a.getDetectedAt(), a.getWindowStart(), a.getWindowEnd());
    }
}
