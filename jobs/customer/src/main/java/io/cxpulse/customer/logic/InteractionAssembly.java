package io.cxpulse.customer.logic;

import io.cxpulse.common.chat.MessageSignal;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A customer's open calls and chats, folded event by event into interactions
 * ({@link InteractionAccumulator}), in any arrival order.
 *
 * <p>An interaction closes when the watermark passes its ENDED or ABANDONED time, so every event
 * up to then has arrived whatever its order within the watermark bound; one with no event for
 * {@code timeout} closes as incomplete ({@code closedByTimeout}). An event whose id the
 * interaction folded in already changes nothing.
 *
 * <p>Lateness: a first event behind the watermark by more than {@code allowedLateness} (the
 * metric windows' lateness) is late and not assembled; one behind it by less is assembled and
 * marked {@code startedLate}, which the metrics count (a whole late call still corrects its
 * window) and the customer alerts leave out. A closed interaction leaves a marker for
 * {@code allowedLateness} after it closed, so a straggler of it is late rather than the start of
 * a second, partial copy.
 *
 * <p>A Flink POJO (public fields): part of the customer's state. Death plan: an interaction
 * leaves when it closes ({@link #nextWakeup}), its marker {@code allowedLateness} later or at
 * the next clean-up after that ({@link #nextForget}).
 */
public final class InteractionAssembly {

    /** What became of an event. */
    public enum Outcome { FOLDED, DUPLICATE, LATE }

    /** Open interactions by {@code VOICE:<call_id>} or {@code CHAT:<chat_id>}. */
    public Map<String, InteractionAccumulator> open = new HashMap<>();
    /** Closed interactions' markers: until when a straggler of one is late. */
    public Map<String, Long> closedUntil = new HashMap<>();

    public InteractionAssembly() {}

    public Outcome add(CallEvent e, long watermark, long allowedLatenessMs) {
        InteractionAccumulator acc = current("VOICE:" + e.getCallId(), e.getEventTime().toEpochMilli(), watermark,
                allowedLatenessMs);
        if (acc == null) {
            return Outcome.LATE;
        }
        return acc.add(e) ? Outcome.FOLDED : Outcome.DUPLICATE;
    }

    /** @param signal the scoring of a customer's message, null for any other chat event */
    public Outcome add(ChatEvent e, MessageSignal signal, long watermark, long allowedLatenessMs) {
        InteractionAccumulator acc = current("CHAT:" + e.getChatId(), e.getEventTime().toEpochMilli(), watermark,
                allowedLatenessMs);
        if (acc == null) {
            return Outcome.LATE;
        }
        return acc.add(e, signal) ? Outcome.FOLDED : Outcome.DUPLICATE;
    }

    /** Whether the chat event is one its interaction has folded in already (to skip scoring it). */
    public boolean hasSeen(ChatEvent e) {
        InteractionAccumulator acc = open.get("CHAT:" + e.getChatId());
        return acc != null && acc.hasSeen(e.getEventId());
    }

    private InteractionAccumulator current(String key, long at, long watermark, long allowedLatenessMs) {
        InteractionAccumulator acc = open.get(key);
        if (acc != null) {
            return acc;
        }
        Long markedUntil = closedUntil.get(key); // a marker whose time is up counts as gone
        if ((markedUntil != null && markedUntil > watermark) || at + allowedLatenessMs < watermark) {
            return null;
        }
        InteractionAccumulator fresh = new InteractionAccumulator();
        fresh.startedLate = at < watermark;
        open.put(key, fresh);
        return fresh;
    }

    /**
     * Closes every interaction due at {@code now} (event time), in the order of the instants they
     * closed at, then channel and id, so the order is the same however events interleaved: those
     * whose ENDED or ABANDONED time has passed, and those idle for {@code timeoutMs} (closed by the
     * timeout).
     */
    public List<InteractionAccumulator> closeDue(long now, long timeoutMs, long allowedLatenessMs) {
        List<InteractionAccumulator> closed = new ArrayList<>();
        Iterator<Map.Entry<String, InteractionAccumulator>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, InteractionAccumulator> entry = it.next();
            InteractionAccumulator acc = entry.getValue();
            Long closeAt = closeAtMs(acc);
            if (closeAt != null && closeAt <= now) {
                acc.closedByTimeout = false;
            } else if (closeAt == null && acc.lastEventMs + timeoutMs <= now) {
                acc.closedByTimeout = true;
            } else {
                continue;
            }
            acc.forgetEventIds();
            closed.add(acc);
            it.remove();
            if (allowedLatenessMs > 0) {
                closedUntil.put(entry.getKey(), now + allowedLatenessMs);
            }
        }
        closedUntil.values().removeIf(until -> until <= now);
        closed.sort(Comparator.comparingLong((InteractionAccumulator i) -> closingMs(i, timeoutMs))
                .thenComparing(i -> i.channel).thenComparing(i -> i.interactionId));
        return closed;
    }

    /** The next instant something is due here, or {@link Long#MAX_VALUE}. */
    public long nextWakeup(long timeoutMs) {
        long next = Long.MAX_VALUE;
        for (InteractionAccumulator acc : open.values()) {
            Long closeAt = closeAtMs(acc);
            next = Math.min(next, closeAt != null ? closeAt : acc.lastEventMs + timeoutMs);
        }
        return next;
    }

    /**
     * When the next closed interaction's marker may be dropped, or {@link Long#MAX_VALUE}: only
     * clean-up, since a marker whose time is up is ignored anyway (it may be dropped later).
     */
    public long nextForget() {
        long next = Long.MAX_VALUE;
        for (long until : closedUntil.values()) {
            next = Math.min(next, until);
        }
        return next;
    }

    public boolean isEmpty() {
        return open.isEmpty() && closedUntil.isEmpty();
    }

    private static long closingMs(InteractionAccumulator acc, long timeoutMs) {
        Long closeAt = closeAtMs(acc);
        return closeAt != null ? closeAt : acc.lastEventMs + timeoutMs;
    }

    private static Long closeAtMs(InteractionAccumulator acc) {
        return acc.endedAtMs != null ? acc.endedAtMs : acc.abandonedAtMs;
    }
}
