package io.cxpulse.common.interaction;

import io.cxpulse.common.chat.MessageSignal;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds the lifecycle events of one call or chat into an {@link Interaction}, in any arrival
 * order: each event sets what it knows (a QUEUED or STARTED sets the start, ANSWERED the
 * answer time, and so on), so an ENDED that overtakes its ANSWERED still gives the right wait
 * and handle time. The caller decides when the interaction is complete (see
 * {@link #closedAt()}).
 *
 * <p>Idempotent per {@code event_id}: a producer's retry of a TRANSFERRED or MESSAGE counts once,
 * even when it comes after the customer core's event-id memory has forgotten the id (it keeps
 * ids for an hour of event time, an interaction may stay open for hours). The ids seen are kept
 * with the interaction, at most {@value #MAX_REMEMBERED_EVENT_IDS} of them (a pathological
 * interaction's later events are still folded, only no longer de-duplicated here), and are
 * forgotten when it is emitted ({@link #forgetEventIds()}).
 *
 * <p>A Flink POJO (public fields, no-arg constructor): the customer core keeps one per open
 * interaction in the customer's state.
 */
public final class InteractionAccumulator {

    /** The most event ids one interaction remembers; a chat has tens of events, a call a handful. */
    public static final int MAX_REMEMBERED_EVENT_IDS = 1000;

    public String interactionId;
    public String channel;
    public String customerId;
    public String queue;
    public String agentId;
    public String teamId;
    public Long startedAtMs;
    public Long answeredAtMs;
    public Long endedAtMs;
    public Long abandonedAtMs;
    /** Event time of the agent/team fields, so the latest transfer's agent wins in any order. */
    public long agentAsOfMs = Long.MIN_VALUE;
    public long lastEventMs = Long.MIN_VALUE;
    public int transfers;
    public Boolean resolved;
    public boolean complaint;
    public String reason;
    public int customerMessages;
    public double sentimentSum;
    public int negativeCustomerMessages;
    public List<String> escalationTerms = new ArrayList<>();
    /** Set when the inactivity timeout, not ENDED or ABANDONED, closed the interaction. */
    public boolean closedByTimeout;
    /**
     * Its first event was behind the watermark when it arrived, within the assembly's allowed
     * lateness: assembled for the metrics' corrections, ignored by the customer alerts.
     */
    public boolean startedLate;
    /** Ids of the events folded in so far, so a duplicate counts once; emptied on emit. */
    public Set<String> eventIds = new HashSet<>();

    public InteractionAccumulator() {}

    /** Folds in a call event; false, and nothing changed, when its id was folded in before. */
    public boolean add(CallEvent e) {
        if (!firstTime(e.getEventId())) {
            return false;
        }
        common(e.getCallId(), Interaction.Channel.VOICE, e.getCustomerId(), e.getQueue(), e.getEventTime());
        agent(e.getAgentId(), e.getTeamId(), e.getEventTime());
        complaint |= e.getComplaint();
        reason = e.getReason() != null ? e.getReason() : reason;
        step(e.getType().name(), e.getEventTime(), e.getResolved());
        return true;
    }

    /**
     * Folds in a chat event; {@code signal} scores a customer's MESSAGE (null for any other
     * event). False, and nothing changed, when its id was folded in before.
     */
    public boolean add(ChatEvent e, MessageSignal signal) {
        if (!firstTime(e.getEventId())) {
            return false;
        }
        common(e.getChatId(), Interaction.Channel.CHAT, e.getCustomerId(), e.getQueue(), e.getEventTime());
        agent(e.getAgentId(), e.getTeamId(), e.getEventTime());
        complaint |= e.getComplaint();
        reason = e.getReason() != null ? e.getReason() : reason;
        if (e.getType() == ChatEventType.MESSAGE) {
            message(signal);
        } else {
            step(e.getType().name(), e.getEventTime(), e.getResolved());
        }
        return true;
    }

    /** Whether an event with this id has been folded in already. */
    public boolean hasSeen(String eventId) {
        return eventId != null && eventIds != null && eventIds.contains(eventId);
    }

    /** Drops the remembered event ids: the interaction is complete and leaves the assembly. */
    public void forgetEventIds() {
        eventIds = new HashSet<>();
    }

    private boolean firstTime(String eventId) {
        if (eventId == null) {
            return true;
        }
        if (eventIds == null) {
            eventIds = new HashSet<>();
        }
        if (eventIds.contains(eventId)) {
            return false;
        }
        if (eventIds.size() < MAX_REMEMBERED_EVENT_IDS) {
            eventIds.add(eventId);
        }
        return true;
    }

    /** The lifecycle steps calls and chats share (a call is QUEUED where a chat is STARTED). */
    private void step(String type, Instant at, Boolean resolvedFlag) {
        switch (type) {
            case "QUEUED", "STARTED" -> startedAtMs = min(startedAtMs, at);
            case "ANSWERED" -> answeredAtMs = min(answeredAtMs, at);
            case "TRANSFERRED" -> transfers++;
            case "ENDED" -> {
                endedAtMs = max(endedAtMs, at);
                resolved = resolvedFlag != null ? resolvedFlag : resolved;
            }
            case "ABANDONED" -> abandonedAtMs = min(abandonedAtMs, at);
            default -> { }
        }
    }

    private void message(MessageSignal signal) {
        if (signal == null) {
            return;
        }
        customerMessages++;
        sentimentSum += signal.sentiment();
        if (signal.isNegative()) {
            negativeCustomerMessages++;
        }
        for (String term : signal.escalationTerms()) {
            if (!escalationTerms.contains(term)) {
                escalationTerms.add(term);
            }
        }
    }

    /** When the interaction ended (ENDED or ABANDONED), or null while it is still open. */
    public Instant closedAt() {
        Long closed = endedAtMs != null ? endedAtMs : abandonedAtMs;
        return closed == null ? null : Instant.ofEpochMilli(closed);
    }

    public Instant lastEventAt() {
        return Instant.ofEpochMilli(lastEventMs);
    }

    /** The summary of what has been folded in so far. */
    /** From queued to answered or abandoned; null when either end is unknown. */
    public Duration waitTime() {
        Long waitEnd = answeredAtMs != null ? answeredAtMs : abandonedAtMs;
        return startedAtMs != null && waitEnd != null && waitEnd >= startedAtMs
                ? Duration.ofMillis(waitEnd - startedAtMs) : null;
    }

    public Interaction toInteraction() {
        boolean incomplete = closedByTimeout;
        boolean wasAbandoned = abandonedAtMs != null && answeredAtMs == null;
        Duration handle = answeredAtMs != null && endedAtMs != null && endedAtMs >= answeredAtMs
                ? Duration.ofMillis(endedAtMs - answeredAtMs) : null;
        Instant closed = closedAt();
        return new Interaction(
                interactionId,
                Interaction.Channel.valueOf(channel),
                customerId,
                queue,
                agentId,
                teamId,
                startedAtMs == null ? null : Instant.ofEpochMilli(startedAtMs),
                closed != null ? closed : lastEventAt(),
                waitTime(),
                handle,
                transfers,
                wasAbandoned,
                resolved,
                complaint,
                reason,
                incomplete,
                customerMessages == 0 ? null : sentimentSum / customerMessages,
                negativeCustomerMessages,
                escalationTerms);
    }

    private void common(String id, Interaction.Channel ch, String customer, String q, Instant at) {
        interactionId = id;
        channel = ch.name();
        customerId = customer;
        if (q != null) {
            queue = q;
        }
        lastEventMs = Math.max(lastEventMs, at.toEpochMilli());
    }

    private void agent(String agent, String team, Instant at) {
        if (agent != null && at.toEpochMilli() >= agentAsOfMs) {
            agentId = agent;
            teamId = team != null ? team : teamId;
            agentAsOfMs = at.toEpochMilli();
        }
    }

    private static Long min(Long current, Instant at) {
        return current == null ? at.toEpochMilli() : Math.min(current, at.toEpochMilli());
    }

    private static Long max(Long current, Instant at) {
        return current == null ? at.toEpochMilli() : Math.max(current, at.toEpochMilli());
    }
}
