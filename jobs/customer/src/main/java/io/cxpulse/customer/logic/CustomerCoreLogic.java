package io.cxpulse.customer.logic;

import io.cxpulse.common.chat.ChatSignals;
import io.cxpulse.common.chat.MessageSignal;
import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.customer.CustomerCoreConfig;
import io.cxpulse.customer.CustomerInput;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.Sender;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One customer's events and the passing of event time, dispatched to the parts that own the
 * customer's state, in an order that does not depend on how inputs interleaved: the whole
 * customer core as plain Java, which its Flink operator only loads, calls and saves.
 *
 * <p>An event: first the event ids ({@link EventIdMemory}: a duplicate goes no further); then a
 * call or chat is folded into its interaction ({@link InteractionAssembly}) and a call's step
 * goes to the queue monitor; a SHIPPED event is recorded and counted ({@link
 * ComplaintAttribution}); a survey or an OPENED complaint waits for the watermark to reach its
 * event time (or is handled at once when it arrives behind it).
 *
 * <p>Event time reaching {@code now}: interactions that closed are handled in the order they
 * closed (the {@code cx.interactions.v1} record, first-contact resolution, the surveys that were
 * waiting for them, the customer alerts); then surveys and complaints of that instant, by id;
 * then whatever each part has due (waits ending, episodes going quiet, state expiring).
 */
public final class CustomerCoreLogic {

    /** Counts what the core set aside: every input event ends up accepted, a duplicate, or late. */
    public interface Counters {
        /** An event whose id the customer sent before ({@code input}: {@link CustomerInput#CALL} ...). */
        void duplicate(int input);

        /** A call or chat event too late to be assembled. */
        void dropped(int input);

        /** A survey or complaint behind the watermark, handled at once, out of event-time order. */
        void appliedLate(int input);
    }

    private final CustomerCoreConfig config;
    private final CustomerExperience.Rules rules;
    private final ChatSignals chatSignals;
    private final long timeoutMs;
    private final long latenessMs;
    private final long lookbackMs;
    private final long horizonMs;
    private final long surveyWaitMs;
    private final long surveyQueueWaitMs;
    private final long surveyRetentionMs;
    private final long shipmentWaitMs;
    private final long metricsShipmentWaitMs;
    private final long shipmentRetentionMs;

    /**
     * The grid of event time that clean-up waits for: an hour. Clean-up is only that: what it
     * removes (event ids and closed interactions' markers past their time; closed interactions,
     * first contacts and orders past their retention) every decision already ignores once its
     * time is up, so removing it can wait. Event ids and markers, which grow with every event,
     * go at the customer's next point on this grid: memory holds at most an hour more of them,
     * and the ids and markers of an hour go in one wake-up. What is kept for days (closed
     * interactions for their surveys, first contacts, orders) goes whenever the customer wakes
     * anyway, and at the latest at its last retention's end, when all its state goes: a customer
     * wakes once for that, not once per interaction, reason and order.
     */
    public static final long CLEANUP_GRID_MS = Duration.ofHours(1).toMillis();

    /**
     * Where a customer's clean-up grid lies within the hour: from its id, the same in every run,
     * so that the customers' clean-ups spread over the hour instead of all falling due at the
     * watermark's crossing of one instant.
     */
    public static long cleanupOffset(String customer) {
        // MurmurHash3's 64-bit finaliser over the id's hash: ids that differ in a digit (whose
        // String hashes are neighbours) land far apart in the hour
        long h = customer.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return Math.floorMod(h, CLEANUP_GRID_MS);
    }

    /** The first instant on the clean-up grid shifted by {@code offset} at or after {@code t}. */
    static long onCleanupGrid(long t, long offset) {
        long past = Math.floorMod(t - offset, CLEANUP_GRID_MS);
        return past == 0 || t > Long.MAX_VALUE - CLEANUP_GRID_MS ? t : t - past + CLEANUP_GRID_MS;
    }

    public CustomerCoreLogic(CustomerCoreConfig config, ChatSignals chatSignals) {
        this.config = config;
        this.rules = CustomerExperience.Rules.of(config.experience());
        this.chatSignals = chatSignals;
        this.timeoutMs = config.interactionTimeout().toMillis();
        this.latenessMs = config.allowedLateness().toMillis();
        this.lookbackMs = config.firstContactLookback().toMillis();
        this.horizonMs = config.dedupHorizon().toMillis();
        this.surveyWaitMs = config.surveyWait().toMillis();
        this.surveyQueueWaitMs = config.surveyQueueWait().toMillis();
        this.surveyRetentionMs = config.surveyRetention().toMillis();
        this.shipmentWaitMs = config.shipmentWait().toMillis();
        this.metricsShipmentWaitMs = config.metricsShipmentWait().toMillis();
        this.shipmentRetentionMs = config.shipmentRetention().toMillis();
    }

    /** One input event of the customer, with event time standing at {@code watermark}. */
    public void onEvent(CustomerState s, CustomerInput in, long watermark, CoreEmitter out, Counters counters) {
        int input = in.input();
        long at = in.eventTimeMs();
        if (!s.eventIds().firstTime(EventIdMemory.hash(input, in.eventId()), at + horizonMs, watermark)) {
            counters.duplicate(input);
            return;
        }
        switch (input) {
            case CustomerInput.CALL -> onCall(s, in.call, watermark, out, counters);
            case CustomerInput.CHAT -> onChat(s, in.chat, watermark, counters);
            case CustomerInput.SURVEY -> {
                if (at <= watermark) {
                    counters.appliedLate(input);
                    judgeSurvey(s, in.survey, watermark + 1, out);
                } else {
                    s.surveysDue().add(in.survey);
                }
            }
            case CustomerInput.SHIPMENT -> {
                if (in.shipment.getType() == ShipmentEventType.SHIPPED) {
                    s.complaints().onShipped(in.shipment, watermark, shipmentRetentionMs, out);
                }
            }
            default -> {
                if (in.complaint.getType() != ComplaintEventType.OPENED) {
                    return;
                }
                if (at <= watermark) {
                    counters.appliedLate(input);
                    opened(s, in.complaint, watermark + 1, out);
                } else {
                    s.complaintsDue().add(in.complaint);
                }
            }
        }
    }

    private void onCall(CustomerState s, CallEvent call, long watermark, CoreEmitter out, Counters counters) {
        InteractionAssembly.Outcome outcome = s.interactions().add(call, watermark, latenessMs);
        if (outcome == InteractionAssembly.Outcome.LATE) {
            counters.dropped(CustomerInput.CALL);
        }
        // The queue monitor sees every step of a call, late or not: it orders them itself.
        out.queueMove(QueueMove.of(call));
    }

    private void onChat(CustomerState s, ChatEvent chat, long watermark, Counters counters) {
        MessageSignal signal = chat.getSender() == Sender.CUSTOMER && chat.getText() != null
                && !s.interactions().hasSeen(chat) ? chatSignals.analyse(chat.getText()) : null;
        if (s.interactions().add(chat, signal, watermark, latenessMs) == InteractionAssembly.Outcome.LATE) {
            counters.dropped(CustomerInput.CHAT);
        }
    }

    /** Event time has reached {@code now}: everything due then, in order. */
    public void onTime(CustomerState s, String customer, long now, CoreEmitter out) {
        if (s.interactions != null) {
            for (InteractionAccumulator closed : s.interactions.closeDue(now, timeoutMs, latenessMs)) {
                onClosed(s, customer, closed, now, out);
            }
        }
        if (s.surveysDue != null) {
            for (SurveyResponse survey : takeDue(s.surveysDue, now, SurveyResponse::getEventId,
                    r -> r.getEventTime().toEpochMilli())) {
                judgeSurvey(s, survey, now, out);
            }
        }
        if (s.complaintsDue != null) {
            for (ComplaintEvent complaint : takeDue(s.complaintsDue, now, ComplaintEvent::getEventId,
                    c -> c.getEventTime().toEpochMilli())) {
                opened(s, complaint, now, out);
            }
        }
        if (s.surveys != null) {
            for (SurveyMatching.Match alone : s.surveys.due(now, surveyRetentionMs)) {
                judged(s, customer, alone, out);
            }
        }
        if (s.experience != null) {
            s.experience.onTime(now, customer, rules, out::alert);
        }
        if (s.firstContacts != null) {
            s.firstContacts.onTime(now, lookbackMs);
        }
        if (s.complaints != null) {
            s.complaints.onTime(now, shipmentRetentionMs, out);
        }
        if (s.eventIds != null) {
            s.eventIds.expire(now);
        }
    }

    private void onClosed(CustomerState s, String customer, InteractionAccumulator closed, long now, CoreEmitter out) {
        Interaction interaction = closed.toInteraction();
        List<SurveyMatching.Match> matched = s.surveys().onClosed(closed, now);
        SurveyResponse survey = matched.isEmpty() ? null : matched.get(matched.size() - 1).context().survey;
        out.interaction(InteractionRecords.of(closed, interaction, survey));
        long closedAt = interaction.endedAt().toEpochMilli();
        s.firstContacts().onContact(interaction, closed.closedByTimeout, closedAt, config.serviceLevel(), lookbackMs)
                .forEach(out::contribution);
        // What the alert detectors would not have seen on time, they leave out: the metrics still
        // count it, as a correction of their window.
        if (!closed.startedLate) {
            s.experience().onInteraction(interaction, customer, rules, out::alert);
        }
        for (SurveyMatching.Match match : matched) {
            judged(s, customer, match, out);
        }
    }

    /** An OPENED complaint at its event time ({@code goneBefore}: see {@link ComplaintAttribution#onOpened}). */
    private void opened(CustomerState s, ComplaintEvent complaint, long goneBefore, CoreEmitter out) {
        s.complaints().onOpened(complaint, shipmentWaitMs, metricsShipmentWaitMs, shipmentRetentionMs, goneBefore, out);
    }

    /**
     * A survey at its event time: counted, then judged with its interaction or left to wait for
     * it ({@code goneBefore}: see {@link SurveyMatching#onSurvey}).
     */
    private void judgeSurvey(CustomerState s, SurveyResponse survey, long goneBefore, CoreEmitter out) {
        Contributions.survey(survey).forEach(out::contribution);
        SurveyMatching.Match match = s.surveys().onSurvey(survey, surveyWaitMs, surveyQueueWaitMs, surveyRetentionMs,
                goneBefore);
        if (match != null) {
            judged(s, survey.getCustomerId(), match, out);
        }
    }

    private void judged(CustomerState s, String customer, SurveyMatching.Match match, CoreEmitter out) {
        if (match.context().joined && match.queueCounts() && match.context().queue != null) {
            Contributions.surveyQueue(match.context().survey, match.context().queue).forEach(out::contribution);
        }
        s.experience().onSurvey(match.context(), customer, rules, out::alert);
    }

    /**
     * The next instant this customer has something due, or {@link Long#MAX_VALUE}. Clean-up
     * waits (see {@link #CLEANUP_GRID_MS}): event ids and markers for the customer's next point
     * on the grid ({@code gridOffset}: {@link #cleanupOffset}); what is kept for days, when
     * nothing else is due, for the end of its last retention.
     */
    public long nextWakeup(CustomerState s, long gridOffset) {
        long next = Long.MAX_VALUE;
        long cleanup = Long.MAX_VALUE;
        if (s.eventIds != null) {
            cleanup = Math.min(cleanup, s.eventIds.nextExpiry());
        }
        if (s.interactions != null) {
            next = Math.min(next, s.interactions.nextWakeup(timeoutMs));
            cleanup = Math.min(cleanup, s.interactions.nextForget());
        }
        if (s.surveys != null) {
            next = Math.min(next, s.surveys.nextWakeup());
        }
        if (s.complaints != null) {
            next = Math.min(next, s.complaints.nextWakeup());
        }
        if (s.experience != null) {
            next = Math.min(next, s.experience.nextWakeup(rules));
        }
        if (s.surveysDue != null) {
            for (SurveyResponse survey : s.surveysDue) {
                next = Math.min(next, survey.getEventTime().toEpochMilli());
            }
        }
        if (s.complaintsDue != null) {
            for (ComplaintEvent complaint : s.complaintsDue) {
                next = Math.min(next, complaint.getEventTime().toEpochMilli());
            }
        }
        if (cleanup != Long.MAX_VALUE) {
            return Math.min(next, onCleanupGrid(cleanup, gridOffset));
        }
        if (next != Long.MAX_VALUE) {
            return next;
        }
        long keptUntil = keptUntil(s);
        return keptUntil == Long.MIN_VALUE ? Long.MAX_VALUE : onCleanupGrid(keptUntil, gridOffset);
    }

    /**
     * When the last of what the customer keeps for days (closed interactions for their surveys,
     * first-contact reasons, orders) has ended, or {@link Long#MIN_VALUE}: asked only when nothing
     * else is due, so that an event does not walk those maps for nothing.
     */
    private long keptUntil(CustomerState s) {
        long last = Long.MIN_VALUE;
        if (s.surveys != null) {
            last = Math.max(last, s.surveys.lastForget(surveyRetentionMs));
        }
        if (s.firstContacts != null) {
            last = Math.max(last, s.firstContacts.lastForget(lookbackMs));
        }
        if (s.complaints != null) {
            last = Math.max(last, s.complaints.lastForget(shipmentRetentionMs));
        }
        return last;
    }

    /** The items due at or before {@code now}, removed from {@code pending}, by time then id. */
    private static <T> List<T> takeDue(List<T> pending, long now, java.util.function.Function<T, String> id,
            java.util.function.ToLongFunction<T> time) {
        List<T> due = new ArrayList<>(1);
        pending.removeIf(item -> {
            if (time.applyAsLong(item) <= now) {
                due.add(item);
                return true;
            }
            return false;
        });
        due.sort(Comparator.comparingLong(time).thenComparing(id));
        return due;
    }
}
