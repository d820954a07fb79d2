package io.cxpulse.experience.logic;

import io.cxpulse.common.interaction.Interaction;

/**
 * One finished contact of a customer, as the repeat-contact rule remembers it. A Flink POJO:
 * the rule's operator keeps a customer's recent contacts in keyed list state.
 */
public final class Contact {

    public long atMs;
    public boolean resolved;
    public String interactionId;
    public String teamId;

    public Contact() {}

    public Contact(long atMs, boolean resolved, String interactionId, String teamId) {
        this.atMs = atMs;
        this.resolved = resolved;
        this.interactionId = interactionId;
        this.teamId = teamId;
    }

    public static Contact of(Interaction interaction) {
        return new Contact(interaction.endedAt().toEpochMilli(), interaction.isResolved(),
                interaction.interactionId(), interaction.teamId());
    }
}
