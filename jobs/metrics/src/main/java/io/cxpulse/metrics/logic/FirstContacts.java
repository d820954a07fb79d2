package io.cxpulse.metrics.logic;

import java.util.Map;

/**
 * First-contact bookkeeping for one customer: is this contact the first on its reason within
 * the lookback? The caller feeds the customer's contacts in completion-time order and keeps the
 * map (reason → last contact time) in keyed state.
 */
public final class FirstContacts {

    /** The reason under which contacts with no reason are grouped. */
    public static final String NO_REASON = "";

    private FirstContacts() {}

    /**
     * Records a contact completed at {@code atMs} and says whether it was the first on its
     * reason: no earlier contact on the same reason in the {@code lookbackMs} before it.
     */
    public static boolean record(Map<String, Long> lastContactByReason, String reason, long atMs, long lookbackMs) {
        String key = reason == null ? NO_REASON : reason;
        Long last = lastContactByReason.get(key);
        boolean first = last == null || atMs - last > lookbackMs;
        lastContactByReason.put(key, last == null ? atMs : Math.max(last, atMs));
        return first;
    }

    /** Forgets what can no longer make a contact at or after {@code nowMs} a repeat. */
    public static void expire(Map<String, Long> lastContactByReason, long nowMs, long lookbackMs) {
        lastContactByReason.values().removeIf(last -> nowMs - last > lookbackMs);
    }
}
