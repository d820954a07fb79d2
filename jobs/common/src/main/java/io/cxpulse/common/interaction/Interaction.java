package io.cxpulse.common.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One call or chat, assembled from its lifecycle events: what a supervisor needs to know to
 * judge how it went. Times are event times; a duration is null when the events that define it
 * did not arrive (a call never answered has no handle time).
 *
 * @param incomplete true when the interaction was closed by the inactivity timeout rather than
 *     by ENDED or ABANDONED
 * @param negativeCustomerMessages customer chat messages scored negative
 * @param sentiment mean sentiment of the customer's chat messages (-1..1), null for calls and
 *     chats without customer text
 */
public record Interaction(
        String interactionId,
        Channel channel,
        String customerId,
        String queue,
        String agentId,
        String teamId,
        Instant startedAt,
        Instant endedAt,
        Duration waitTime,
        Duration handleTime,
        int transfers,
        boolean abandoned,
        Boolean resolved,
        boolean complaint,
        String reason,
        boolean incomplete,
        Double sentiment,
        int negativeCustomerMessages,
        List<String> escalationTerms) {

    public enum Channel { VOICE, CHAT }

    public Interaction {
        escalationTerms = escalationTerms == null ? List.of() : List.copyOf(escalationTerms);
    }

    /** Whether the customer's issue was settled here: explicitly resolved, never merely ended. */
    public boolean isResolved() {
        return Boolean.TRUE.equals(resolved);
    }
}
