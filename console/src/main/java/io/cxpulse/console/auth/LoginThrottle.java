package io.cxpulse.console.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user name (or from
 * one address) within {@code window}, further attempts are refused (429) until the window has
 * passed since the oldest of them. Bounded: the oldest tracked names are forgotten past
 * {@link #MAX_TRACKED}.
 */
public final class LoginThrottle {

    static final int MAX_TRACKED = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    public LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Whether another attempt under {@code key} is allowed at {@code now}. */
    public synchronized boolean allowed(String key, Instant now) {
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return true;
        }
        while (!recent.isEmpty() && recent.peekFirst().plus(window).isBefore(now)) {
            recent.removeFirst();
        }
        return recent.size() < maxFailures;
    }

    public synchronized void failed(String key, Instant now) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
    }
}
