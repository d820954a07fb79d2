package io.cxpulse.customer.logic;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.SurveyResponse;
import java.time.Instant;
import java.util.ArrayList;

/** A closed interaction as the {@code Interaction} record of {@code cx.interactions.v1}. */
public final class InteractionRecords {

    private InteractionRecords() {}

    /** @param survey a survey about it that had arrived by the time it closed, or null */
    public static io.cxpulse.schema.Interaction of(InteractionAccumulator closed, Interaction interaction,
            SurveyResponse survey) {
        return io.cxpulse.schema.Interaction.newBuilder()
                .setInteractionId(interaction.interactionId())
                .setChannel(Channel.valueOf(interaction.channel().name()))
                .setCustomerId(interaction.customerId())
                .setQueue(interaction.queue())
                .setAgentId(interaction.agentId())
                .setTeamId(interaction.teamId())
                .setStartedAt(interaction.startedAt())
                .setAnsweredAt(closed.answeredAtMs == null ? null : Instant.ofEpochMilli(closed.answeredAtMs))
                .setEndedAt(interaction.endedAt())
                .setWaitMs(interaction.waitTime() == null ? null : interaction.waitTime().toMillis())
                .setHandleMs(interaction.handleTime() == null ? null : interaction.handleTime().toMillis())
                .setTransfers(interaction.transfers())
                .setAbandoned(interaction.abandoned())
                .setResolved(interaction.resolved())
                .setComplete(!interaction.incomplete())
                .setComplaint(interaction.complaint())
                .setReason(interaction.reason())
                .setCustomerMessages(closed.customerMessages)
                .setNegativeMessages(interaction.negativeCustomerMessages())
                .setSentiment(interaction.sentiment())
                .setEscalationTerms(new ArrayList<>(interaction.escalationTerms()))
                .setCsat(survey == null ? null : survey.getCsat())
                .setNps(survey == null ? null : survey.getNps())
                .build();
    }
}
