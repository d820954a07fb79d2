package io.cxpulse.experience.logic;

import io.cxpulse.schema.AlertStatus;
import java.time.Duration;

/**
 * One alert episode per (kind, subject): the first signal opens it ({@code OPEN}), further
 * signals while it is open are {@code UPDATE}s of the same alert id, and it ends
 * ({@code RESOLVED}) when the subject's next interaction goes well or when no signal has come
 * for the quiet period. A signal after that opens a new episode with a new id. This is what
 * keeps a supervisor's feed to one line per unhappy customer instead of one per event.
 */
public final class EpisodePolicy {

    private final Duration quietPeriod;

    public EpisodePolicy(Duration quietPeriod) {
        this.quietPeriod = quietPeriod;
    }

    /**
     * Records a signal at {@code atMs} and says what to emit. {@code episode} is the open
     * episode or null; the returned episode is the one to keep.
     */
    public Transition onSignal(Episode episode, long atMs) {
        if (episode == null || isOver(episode, atMs)) {
            Episode opened = new Episode(atMs);
            opened.alerts = 1;
            return new Transition(AlertStatus.OPEN, opened);
        }
        episode.lastSignalMs = Math.max(episode.lastSignalMs, atMs);
        episode.alerts++;
        return new Transition(AlertStatus.UPDATE, episode);
    }

    /** When the open episode resolves by itself if nothing else happens. */
    public long quietUntilMs(Episode episode) {
        return episode.lastSignalMs + quietPeriod.toMillis();
    }

    /** Whether the episode has been quiet long enough at {@code nowMs} to be over. */
    public boolean isOver(Episode episode, long nowMs) {
        return nowMs >= quietUntilMs(episode);
    }

    /** What a signal does to an episode: the status to emit and the episode to keep. */
    public record Transition(AlertStatus status, Episode episode) {}
}
