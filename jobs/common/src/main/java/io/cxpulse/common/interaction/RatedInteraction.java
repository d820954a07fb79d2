package io.cxpulse.common.interaction;

import java.time.Duration;

/**
 * What the customer core's survey matching keeps of a closed interaction for the surveys to
 * come: who handled it, its queue, wait and transfers, and when it ended, not the whole
 * assembled interaction (two days of interactions are kept). A Flink POJO.
 */
public final class RatedInteraction {

    public String agentId;
    public String teamId;
    public String queue;
    public Long waitSeconds;
    public int transfers;
    public long lastEventMs;

    public RatedInteraction() {}

    public static RatedInteraction of(InteractionAccumulator closed) {
        RatedInteraction rated = new RatedInteraction();
        rated.agentId = closed.agentId;
        rated.teamId = closed.teamId;
        rated.queue = closed.queue;
        Duration wait = closed.waitTime();
        rated.waitSeconds = wait == null ? null : wait.toSeconds();
        rated.transfers = closed.transfers;
        rated.lastEventMs = closed.lastEventMs;
        return rated;
    }
}
