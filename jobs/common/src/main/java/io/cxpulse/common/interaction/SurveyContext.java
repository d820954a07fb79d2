package io.cxpulse.common.interaction;

import io.cxpulse.schema.SurveyResponse;

/**
 * A survey answer with what is known of the interaction it rates: the agent and team it was
 * handled by (for routing), the wait and transfers (for the evidence). {@code joined} is false
 * when the interaction never arrived within the wait, and the survey stands on its own fields.
 * A Flink POJO.
 */
public final class SurveyContext {

    public SurveyResponse survey;
    public boolean joined;
    public String agentId;
    public String teamId;
    /** The queue of the interaction rated, when joined. */
    public String queue;
    public Long waitSeconds;
    public int transfers;

    public SurveyContext() {}

    public static SurveyContext alone(SurveyResponse survey) {
        SurveyContext c = new SurveyContext();
        c.survey = survey;
        c.agentId = survey.getAgentId();
        c.teamId = survey.getTeamId();
        return c;
    }

    public static SurveyContext joined(SurveyResponse survey, RatedInteraction interaction) {
        SurveyContext c = alone(survey);
        c.joined = true;
        c.agentId = interaction.agentId != null ? interaction.agentId : c.agentId;
        c.teamId = interaction.teamId != null ? interaction.teamId : c.teamId;
        c.queue = interaction.queue;
        c.waitSeconds = interaction.waitSeconds;
        c.transfers = interaction.transfers;
        return c;
    }
}
