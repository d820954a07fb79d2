package io.cxpulse.experience.logic;

/**
 * An open alert episode for one (kind, subject): when it started, when its latest signal came,
 * how many alerts it has had. A Flink POJO kept in keyed state until the episode resolves.
 */
public final class Episode {

    public long startMs;
    public long lastSignalMs;
    public int alerts;
    /** The team the episode's alerts are routed to: the latest interaction's team. */
    public String teamId;
    /** Severity of the latest alert (a symbol of {@code Severity}), repeated on RESOLVED. */
    public String severity;

    public Episode() {}

    public Episode(long startMs) {
        this.startMs = startMs;
        this.lastSignalMs = startMs;
    }
}
