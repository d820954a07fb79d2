package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.Sender;
import io.cxpulse.schema.SurveyResponse;
import io.cxpulse.simulate.ChatPhrases.Mood;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Makes one customer contact, call or chat, with its whole lifecycle: waiting, answered or
 * abandoned, transfers, chat messages, the end with reason and resolution, a survey for some,
 * a complaint for some, and the customer's next contact when it was not resolved.
 *
 * <p>Normal traffic: callers wait about 12 s (three in four within 20 s, never over 150 s), 3% hang up within 100 s,
 * 12% are transferred at least once, about 80% of contacts are resolved (less for weaker
 * agents and for customers coming back), a quarter answer the survey. Satisfaction falls with
 * the wait, the transfers, an unresolved issue and a weak agent; CSAT and NPS are drawn from
 * it. Incidents change the agent's skill ({@link IncidentKind#STRUGGLING_AGENT}) and the
 * queue's waits ({@link IncidentKind#QUEUE_OVERLOAD}).
 */
final class ContactModel {

    /** A customer's planned next contact about the same issue. */
    record Contact(long timeMs, String customerId, World.Queue queue, String reason, String orderId, int attempt,
            boolean lateOrder) {}

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    private final Incidents incidents;
    private final Schedule schedule;
    private final SplittableRandom random;
    private final ComplaintModel complaints;
    private final Map<String, List<World.Agent>> teams;
    private long calls;
    private long chats;
    private long surveys;

    ContactModel(World world, Incidents incidents, Schedule schedule, SplittableRandom random,
            ComplaintModel complaints) {
        this.incidents = incidents;
        this.schedule = schedule;
        this.random = random;
        this.complaints = complaints;
        this.teams = world.agents().stream().collect(Collectors.groupingBy(World.Agent::team));
    }

    /** Makes the contact's events; returns the customer's next contact, or null. */
    Contact make(Contact c) {
        boolean chat = random.nextDouble() < 0.4;
        List<World.Agent> team = teams.get(c.queue().team());
        World.Agent agent = team.get(random.nextInt(team.size()));
        double skill = agent.skill() / incidents.strength(IncidentKind.STRUGGLING_AGENT, agent.id(), c.timeMs());
        double overload = chat ? 1 : incidents.strength(IncidentKind.QUEUE_OVERLOAD, c.queue().id(), c.timeMs());
        long waitMs = waitMs(chat, overload);
        long patienceMs = overload > 1
                ? (long) (random.nextExponential() * 300 * SECOND)
                : random.nextDouble() < 0.03 ? 10 * SECOND + random.nextLong(90 * SECOND) : Long.MAX_VALUE;
        boolean abandoned = patienceMs < waitMs;
        boolean chinese = chinese(c.customerId());
        String id = chat ? "chat-" + ++chats : "call-" + ++calls;
        Outcome outcome;
        if (abandoned) {
            outcome = new Outcome(false, false, 0, c.timeMs() + patienceMs);
            if (chat) {
                chat(c, id, ChatEventType.STARTED, c.timeMs(), null, null, null);
                chat(c, id, ChatEventType.ABANDONED, outcome.endMs, null, null, null);
            } else {
                call(c, id, CallEventType.QUEUED, c.timeMs(), null, null);
                call(c, id, CallEventType.ABANDONED, outcome.endMs, null, null);
            }
        } else {
            outcome = handled(c, id, chat, agent, skill, waitMs, chinese);
        }
        if (outcome.complaint) {
            complaints.open(outcome.endMs + MINUTE, c.customerId(), c.queue().category(), c.orderId(), id,
                    chat ? Channel.CHAT : Channel.VOICE);
        }
        double comeBack = c.lateOrder() ? 0.7 : abandoned ? 0.6 : 0.5;
        if (!outcome.resolved && c.attempt() < 4 && random.nextDouble() < comeBack) {
            long later = outcome.endMs + 5 * MINUTE + (long) (random.nextExponential() * 25 * MINUTE);
            return new Contact(later, c.customerId(), c.queue(), c.reason(), c.orderId(), c.attempt() + 1,
                    c.lateOrder());
        }
        return null;
    }

    private record Outcome(boolean resolved, boolean complaint, int transfers, long endMs) {}

    private Outcome handled(Contact c, String id, boolean chat, World.Agent first, double skill, long waitMs,
            boolean chinese) {
        long answered = c.timeMs() + waitMs;
        int transfers = 0;
        double pTransfer = Math.min(0.7, 0.12 / skill);
        while (transfers < 5 && random.nextDouble() < pTransfer) {
            transfers++;
        }
        double medianHandleS = (chat ? 420 : 300) / Math.min(1.0, skill);
        long handleMs = (long) (Math.exp(Math.log(medianHandleS) + 0.5 * random.nextGaussian()) * SECOND);
        long end = answered + Math.max(30 * SECOND, handleMs);
        double pResolved = c.lateOrder() ? 0.3 : Math.max(0.05, Math.min(0.95, 0.82 * skill - 0.08 * (c.attempt() - 1)));
        boolean resolved = random.nextDouble() < pResolved;
        boolean complaint = !resolved && random.nextDouble() < (c.lateOrder() ? 0.6 : 0.25);
        World.Agent agent = first;
        if (chat) {
            chat(c, id, ChatEventType.STARTED, c.timeMs(), null, null, null);
            chat(c, id, ChatEventType.ANSWERED, answered, agent, null, null);
        } else {
            call(c, id, CallEventType.QUEUED, c.timeMs(), null, null);
            call(c, id, CallEventType.ANSWERED, answered, agent, null);
        }
        for (int t = 1; t <= transfers; t++) {
            List<World.Agent> team = teams.get(c.queue().team());
            agent = team.get(random.nextInt(team.size()));
            long at = answered + (end - answered) * t / (transfers + 1);
            if (chat) {
                chat(c, id, ChatEventType.TRANSFERRED, at, agent, null, null);
            } else {
                call(c, id, CallEventType.TRANSFERRED, at, agent, null);
            }
        }
        if (chat) {
            Mood mood = resolved ? (random.nextDouble() < 0.9 ? Mood.CONTENT : Mood.NEUTRAL)
                    : random.nextDouble() < 0.5 ? Mood.UNHAPPY : random.nextDouble() < 0.3 ? Mood.ESCALATING
                    : Mood.NEUTRAL;
            int messages = 3 + random.nextInt(4);
            for (int m = 0; m < messages; m++) {
                long at = answered + (end - answered) * (m + 1) / (messages + 1);
                boolean fromCustomer = m % 2 == 0;
                String text = !fromCustomer ? ChatPhrases.agent(random, chinese)
                        : m == 0 ? ChatPhrases.opening(random, chinese)
                        : ChatPhrases.customer(random, chinese, m >= messages - 2 ? mood : Mood.NEUTRAL, c.attempt());
                chat(c, id, ChatEventType.MESSAGE, at, fromCustomer ? null : agent,
                        fromCustomer ? Sender.CUSTOMER : Sender.AGENT, text);
            }
            ChatEvent ended = chatEvent(c, id, ChatEventType.ENDED, end, agent, null, null);
            ended.setReason(c.reason());
            ended.setResolved(resolved);
            ended.setComplaint(complaint);
            schedule.add(InputTopic.CHATS, ended, end);
        } else {
            CallEvent ended = callEvent(c, id, CallEventType.ENDED, end, agent);
            ended.setReason(c.reason());
            ended.setResolved(resolved);
            ended.setComplaint(complaint);
            schedule.add(InputTopic.CALLS, ended, end);
        }
        if (random.nextDouble() < 0.25) {
            survey(c, id, chat, agent, skill, waitMs, transfers, resolved, end);
        }
        return new Outcome(resolved, complaint, transfers, end);
    }

    private long waitMs(boolean chat, double overload) {
        if (chat) {
            return Math.min(90 * SECOND, (long) (Math.exp(Math.log(20) + 0.6 * random.nextGaussian()) * SECOND));
        }
        if (overload > 1) {
            return 200 * SECOND + (long) (random.nextExponential() * 100 * SECOND * overload);
        }
        return Math.min(150 * SECOND, (long) (Math.exp(Math.log(12) + 0.8 * random.nextGaussian()) * SECOND));
    }

    /**
     * Satisfaction on about 1–5: 4.4 for a resolved, quick, untransferred contact with a
     * normal agent, less for each thing that went wrong, with noise.
     */
    private void survey(Contact c, String id, boolean chat, World.Agent agent, double skill, long waitMs, int transfers,
            boolean resolved, long end) {
        double waitPenalty = waitMs > 300 * SECOND ? 1.5 : waitMs > 120 * SECOND ? 0.6 : 0;
        double s = 4.4 - (resolved ? 0 : 1.6) - 0.35 * transfers - waitPenalty - 2.5 * (1 - Math.min(1, skill))
                + 0.55 * random.nextGaussian();
        double u = random.nextDouble();
        Integer csat = u < 0.9 ? (int) Math.max(1, Math.min(5, Math.round(s))) : null;
        Integer nps = u < 0.7 || u >= 0.9
                ? (int) Math.max(0, Math.min(10, Math.round(2 * s + 0.3 + 0.9 * random.nextGaussian()))) : null;
        long at = end + 30 * SECOND + Math.min(210 * SECOND, (long) (random.nextExponential() * 60 * SECOND));
        SurveyResponse survey = SurveyResponse.newBuilder()
                .setEventId("sv-" + ++surveys)
                .setInteractionId(id)
                .setChannel(chat ? Channel.CHAT : Channel.VOICE)
                .setEventTime(Instant.ofEpochMilli(at))
                .setCustomerId(c.customerId())
                .setAgentId(agent.id())
                .setTeamId(agent.team())
                .setCsat(csat)
                .setNps(nps)
                .build();
        schedule.add(InputTopic.SURVEYS, survey, at);
    }

    private void call(Contact c, String id, CallEventType type, long at, World.Agent agent, String reason) {
        CallEvent e = callEvent(c, id, type, at, agent);
        e.setReason(reason);
        schedule.add(InputTopic.CALLS, e, at);
    }

    private CallEvent callEvent(Contact c, String id, CallEventType type, long at, World.Agent agent) {
        return CallEvent.newBuilder()
                .setEventId(id + "-" + type.name().toLowerCase(Locale.ROOT) + "-" + at)
                .setCallId(id)
                .setType(type)
                .setEventTime(Instant.ofEpochMilli(at))
                .setCustomerId(c.customerId())
                .setQueue(c.queue().id())
                .setAgentId(agent == null ? null : agent.id())
                .setTeamId(agent == null ? null : agent.team())
                .setOrderId(c.orderId())
                .setReason(null)
                .setComplaint(false)
                .setResolved(null)
                .build();
    }

    private void chat(Contact c, String id, ChatEventType type, long at, World.Agent agent, Sender sender,
            String text) {
        schedule.add(InputTopic.CHATS, chatEvent(c, id, type, at, agent, sender, text), at);
    }

    private ChatEvent chatEvent(Contact c, String id, ChatEventType type, long at, World.Agent agent, Sender sender,
            String text) {
        return ChatEvent.newBuilder()
                .setEventId(id + "-" + type.name().toLowerCase(Locale.ROOT) + "-" + at)
                .setChatId(id)
                .setType(type)
                .setEventTime(Instant.ofEpochMilli(at))
                .setCustomerId(c.customerId())
                .setQueue(c.queue().id())
                .setAgentId(agent == null ? null : agent.id())
                .setTeamId(agent == null ? null : agent.team())
                .setSender(sender)
                .setText(text)
                .setOrderId(c.orderId())
                .setReason(null)
                .setComplaint(false)
                .setResolved(null)
                .build();
    }

    /** About three customers in ten write in Chinese, always the same ones. */
    static boolean chinese(String customerId) {
        return Math.floorMod(customerId.hashCode(), 10) < 3;
    }
}
