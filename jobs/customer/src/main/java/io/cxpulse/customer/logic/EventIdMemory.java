package io.cxpulse.customer.logic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The event ids one customer sent lately, so that a producer's retry (the same {@code event_id}
 * again) counts once. Part of the customer's state: no exchange of its own.
 *
 * <p>An id is remembered as its 64-bit MurmurHash3 (mixed with its input, since ids are unique
 * per topic) until the watermark passes its event time plus the horizon: event time, so a replay
 * decides as live does. The default horizon of an hour covers what duplicates there are: a
 * producer's retries come within its {@code delivery.timeout.ms} (two minutes by default), and
 * an upstream connector that restarts resends what it sent since its last commit, minutes. A
 * duplicate later than that is not caught here; an interaction still folds each event id once
 * ({@code InteractionAccumulator}). Sixteen bytes an id: a customer has a handful of events an
 * hour. Removing an id whose time is up is clean-up, done on the customer's hourly grid (see
 * {@code CustomerCoreLogic#CLEANUP_GRID_MS}). At most {@value #CAPACITY} ids are kept; beyond that (a flood) the oldest are forgotten
 * first, and a flood of one id is still caught, since the newest are compared first.
 *
 * <p>Collisions: for two different ids to count as one, their 64-bit hashes must collide within
 * one customer's hour, odds of about n²/2⁶⁵ for n ids: nil.
 *
 * <p>A Flink POJO (public fields): kept inside the customer's state.
 */
public final class EventIdMemory {

    /** The most ids one customer remembers. */
    public static final int CAPACITY = 4096;

    /** Hashes, oldest first, {@code size} of them. */
    public long[] hashes = new long[0];
    /** The event time each is remembered until (event time plus horizon), same order. */
    public long[] until = new long[0];
    public int size;

    public EventIdMemory() {}

    /** The id's hash for this input; inputs are told apart so the same id on two topics is two events. */
    public static long hash(int input, String eventId) {
        byte[] bytes = eventId.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, input)[0];
    }

    /**
     * Whether this is the first time the id is seen (and remembers it if so).
     *
     * <p>An id whose time is up ({@code until <= watermark}) counts as forgotten even before
     * {@link #expire} has removed it, so the answer does not depend on when clean-up runs.
     *
     * @param rememberUntil event time after which the id is forgotten
     * @param watermark where event time stands
     */
    public boolean firstTime(long hash, long rememberUntil, long watermark) {
        for (int i = size - 1; i >= 0; i--) {
            if (hashes[i] == hash && until[i] > watermark) {
                return false;
            }
        }
        if (size == CAPACITY) {
            System.arraycopy(hashes, 1, hashes, 0, size - 1);
            System.arraycopy(until, 1, until, 0, size - 1);
            size--;
        }
        if (size == hashes.length) {
            int grown = Math.min(CAPACITY, Math.max(4, size * 2));
            hashes = Arrays.copyOf(hashes, grown);
            until = Arrays.copyOf(until, grown);
        }
        hashes[size] = hash;
        until[size] = rememberUntil;
        size++;
        return true;
    }

    /** Forgets every id remembered until {@code now} or before. */
    public void expire(long now) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (until[i] > now) {
                hashes[kept] = hashes[i];
                until[kept] = until[i];
                kept++;
            }
        }
        size = kept;
        if (size == 0) {
            hashes = new long[0];
            until = new long[0];
        } else if (size * 4 < hashes.length) {
            hashes = Arrays.copyOf(hashes, size);
            until = Arrays.copyOf(until, size);
        }
    }

    /** When the next id's time is up, or {@link Long#MAX_VALUE} when none is remembered. */
    public long nextExpiry() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            next = Math.min(next, until[i]);
        }
        return next;
    }

    public boolean isEmpty() {
        return size == 0;
    }
}
