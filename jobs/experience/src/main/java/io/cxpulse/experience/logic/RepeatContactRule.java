package io.cxpulse.experience.logic;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * "Third time I call about this": a customer who keeps coming back, on any channel, while the
 * earlier contacts did not resolve anything.
 *
 * <p>When a contact finishes, count it and the contacts before it within {@code window} back
 * to (not including) the last one that was resolved; at {@code threshold} or more it is a
 * repeat contact. A resolved contact ends the streak, so a customer whose questions each get
 * answered is never flagged however often they call. The contact that makes the count is
 * counted whatever its own outcome: the customer still had to call N times.
 *
 * <p>Contacts are kept sorted by time, so one that arrives out of order counts correctly;
 * contacts older than {@code window} before the newest are dropped (the state's death plan).
 */
public final class RepeatContactRule {

    private final int threshold;
    private final Duration window;

    public RepeatContactRule(int threshold, Duration window) {
        this.threshold = threshold;
        this.window = window;
    }

    /**
     * Adds {@code current} to {@code history} (mutated: pruned and sorted) and returns the number
     * of contacts in the unresolved streak that ends with it, or 0 when below the threshold.
     */
    public int onContact(List<Contact> history, Contact current) {
        history.add(current);
        history.sort(Comparator.comparingLong(c -> c.atMs));
        long newest = history.get(history.size() - 1).atMs;
        history.removeIf(c -> c.atMs <= newest - window.toMillis());
        int position = history.indexOf(current);
        if (position < 0) {
            return 0; // older than the window itself: too late to matter
        }
        return streakEndingAt(history, position);
    }

    /**
     * The streak the customer is on at {@code atMs} (a survey's time, say): that of their latest
     * contact at or before it, or 0 when below the threshold, or there is none within the window
     * before {@code atMs}. {@code history}
     * is sorted by time, as {@link #onContact} leaves it; not changed.
     */
    public int streakAt(List<Contact> history, long atMs) {
        int latest = -1;
        for (int i = 0; i < history.size() && history.get(i).atMs <= atMs; i++) {
            latest = i;
        }
        if (latest < 0 || history.get(latest).atMs <= atMs - window.toMillis()) {
            return 0;
        }
        return streakEndingAt(history, latest);
    }

    private int streakEndingAt(List<Contact> history, int position) {
        Contact current = history.get(position);
        int streak = 1;
        for (int i = position - 1; i >= 0; i--) {
            Contact earlier = history.get(i);
            if (earlier.resolved || earlier.atMs <= current.atMs - window.toMillis()) {
                break;
            }
            streak++;
        }
        return streak >= threshold ? streak : 0;
    }
}
