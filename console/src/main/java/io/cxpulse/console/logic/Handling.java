package io.cxpulse.console.logic;

import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionEntry;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.RecoveryOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What people have done about one alert episode, folded from its {@code AlertAction} records.
 * Each record carries the action it announces and the episode's earlier ones (so the latest
 * record, all a compacted topic keeps, is the whole history); folding unites them by
 * {@code action_id}, so reading a record twice, or two records that overlap, counts each
 * action once, in time order. Text from the topic is neutralised ({@link SafeText}) here.
 *
 * <p>The derived state follows the first ACKNOWLEDGE and the first CLOSE; the assignee is the
 * latest ASSIGN. Two console instances acting on the same episode at the same moment both
 * record their action; a second ACKNOWLEDGE or CLOSE stays in the history without changing who
 * acknowledged or closed first.
 */
public final class Handling {

    /** Where an episode's handling stands. */
    public enum State {
        NEW,
        ACKNOWLEDGED,
        ASSIGNED,
        CLOSED
    }

    /** One action, as recorded. */
    public record Entry(String actionId, AlertActionType action, String actor, Instant at, String assignee,
            String note, RecoveryOutcome outcome) {}

    public static final Handling NONE = new Handling(List.of());

    static final int MAX_TEXT = 1000;
    private static final Comparator<Entry> ORDER =
            Comparator.comparing(Entry::at).thenComparing(Entry::actionId);

    private final List<Entry> entries;

    private Handling(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** This handling with the actions of {@code record} added (its earlier ones and its own). */
    public Handling with(AlertAction record) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (Entry e : entries) {
            byId.put(e.actionId(), e);
        }
        for (AlertActionEntry earlier : record.getEarlier()) {
            byId.putIfAbsent(earlier.getActionId(), entry(earlier.getActionId(), earlier.getAction(),
                    earlier.getActor(), earlier.getActionTime(), earlier.getAssignee(), earlier.getNote(),
                    earlier.getOutcome()));
        }
        byId.putIfAbsent(record.getActionId(), entry(record.getActionId(), record.getAction(), record.getActor(),
                record.getActionTime(), record.getAssignee(), record.getNote(), record.getOutcome()));
        List<Entry> all = new ArrayList<>(byId.values());
        all.removeIf(e -> e.action() == AlertActionType.UNKNOWN);
        all.sort(ORDER);
        return new Handling(all);
    }

    private static Entry entry(String id, AlertActionType action, String actor, Instant at, String assignee,
            String note, RecoveryOutcome outcome) {
        return new Entry(SafeText.clean(id, 64), action, SafeText.clean(actor, 64), at,
                SafeText.clean(assignee, 64), SafeText.clean(note, MAX_TEXT), outcome);
    }

    /** Every action, oldest first. */
    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public State state() {
        if (closing().isPresent()) {
            return State.CLOSED;
        }
        if (assignee().isPresent()) {
            return State.ASSIGNED;
        }
        return acknowledgement().isPresent() ? State.ACKNOWLEDGED : State.NEW;
    }

    public Optional<Entry> acknowledgement() {
        return first(AlertActionType.ACKNOWLEDGE);
    }

    public Optional<Entry> closing() {
        return first(AlertActionType.CLOSE);
    }

    /** The latest assignment. */
    public Optional<Entry> assignee() {
        Entry latest = null;
        for (Entry e : entries) {
            if (e.action() == AlertActionType.ASSIGN) {
                latest = e;
            }
        }
        return Optional.ofNullable(latest);
    }

    public long notes() {
        return entries.stream().filter(e -> e.note() != null).count();
    }

    public Optional<Instant> lastActionAt() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).at());
    }

    /** The entries as the {@code earlier} list of the next record. */
    public List<AlertActionEntry> asEarlier() {
        List<AlertActionEntry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(AlertActionEntry.newBuilder()
                    .setActionId(e.actionId())
                    .setAction(e.action())
                    .setActor(e.actor())
                    .setActionTime(e.at())
                    .setAssignee(e.assignee())
                    .setNote(e.note())
                    .setOutcome(e.outcome())
                    .build());
        }
        return out;
    }

    private Optional<Entry> first(AlertActionType type) {
        return entries.stream().filter(e -> e.action() == type).findFirst();
    }
}
