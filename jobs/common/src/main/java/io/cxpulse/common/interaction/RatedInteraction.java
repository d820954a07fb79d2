package io.cxpulse.common.interaction;

/**
 * What {@link SurveyJoiner} keeps of a closed interaction for the surveys to come: who handled
 * it, its queue, wait and transfers, and when it ended, not the whole assembled interaction
 * (two days of interactions are kept). A Flink POJO.
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
        Interaction interaction = closed.toInteraction();
        RatedInteraction rated = new RatedInteraction();
        rated.agentId = interaction.agentId();
        rated.teamId = interaction.teamId();
        rated.queue = interaction.queue();
        rated.waitSeconds = interaction.waitTime() == null ? null : interaction.waitTime().toSeconds();
        rated.transfers = interaction.transfers();
        rated.lastEventMs = closed.lastEventMs;
        return rated;
    }
}
