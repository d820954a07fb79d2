package io.cxpulse.customer.logic;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.RatedInteraction;
import io.cxpulse.common.interaction.SurveyContext;
import io.cxpulse.schema.SurveyResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Matches a customer's survey answers with the call or chat each rates ({@code interaction_id}),
 * in either order. A survey is judged at its own event time: with its interaction when that has
 * closed by then; otherwise it waits (event time) up to {@code surveyWait} for it, and is then
 * judged alone, so a survey of an interaction we never see still counts and can still raise an
 * alert. The metrics also learn the survey's queue from its interaction, but only when it comes
 * within their own shorter wait ({@code queueWait}): a survey's queue contribution must not come
 * after its window has been judged.
 *
 * <p>A Flink POJO (public fields): part of the customer's state. Death plan: what a survey needs
 * of a closed interaction ({@link RatedInteraction}) counts for {@code retention} after its last
 * event, and is removed at the customer's next wake-up after that ({@link #lastForget}); a
 * waiting survey leaves when matched or when its wait ends.
 */
public final class SurveyMatching {

    /** A survey judged: with what is known of its interaction, and whether its queue still counts. */
    public record Match(SurveyContext context, boolean queueCounts) {}

    /** Closed interactions by id, for the surveys to come. */
    public Map<String, RatedInteraction> rated = new HashMap<>();
    /** Surveys waiting for their interaction. */
    public List<WaitingSurvey> waiting = new ArrayList<>();

    /** A survey that came before its interaction closed. A Flink POJO. */
    public static final class WaitingSurvey {
        public SurveyResponse survey;
        /** Event time until which it waits for its interaction. */
        public long waitUntil;
        /** Event time until which its interaction's queue still counts in the metrics. */
        public long queueUntil;

        public WaitingSurvey() {}
    }

    public SurveyMatching() {}

    /**
     * A survey judged at its event time: matched at once when its interaction has closed, else
     * null (it waits; {@link #onClosed} or {@link #due} gives it later).
     *
     * @param goneBefore a closed interaction whose retention ended before this instant counts as
     *     forgotten, whether or not clean-up has removed it yet: the survey's own time when it is
     *     judged on time, just past the watermark when it came late
     */
    public Match onSurvey(SurveyResponse survey, long waitMs, long queueWaitMs, long retentionMs, long goneBefore) {
        RatedInteraction known = rated.get(survey.getInteractionId());
        if (known != null && known.lastEventMs + retentionMs >= goneBefore) {
            return new Match(SurveyContext.joined(survey, known), true);
        }
        WaitingSurvey w = new WaitingSurvey();
        w.survey = survey;
        long at = survey.getEventTime().toEpochMilli();
        w.waitUntil = at + waitMs;
        w.queueUntil = at + queueWaitMs;
        waiting.add(w);
        return null;
    }

    /** An interaction closed at {@code now}: kept for surveys to come; those waiting for it are matched. */
    public List<Match> onClosed(InteractionAccumulator closed, long now) {
        RatedInteraction interaction = RatedInteraction.of(closed);
        rated.put(closed.interactionId, interaction);
        List<Match> matched = new ArrayList<>(0);
        Iterator<WaitingSurvey> it = waiting.iterator();
        while (it.hasNext()) {
            WaitingSurvey w = it.next();
            if (w.survey.getInteractionId().equals(closed.interactionId)) {
                matched.add(new Match(SurveyContext.joined(w.survey, interaction), now <= w.queueUntil));
                it.remove();
            }
        }
        return matched;
    }

    /** Surveys whose wait has ended by {@code now}, judged alone; closed interactions past their retention forgotten. */
    public List<Match> due(long now, long retentionMs) {
        List<Match> alone = new ArrayList<>(0);
        Iterator<WaitingSurvey> it = waiting.iterator();
        while (it.hasNext()) {
            WaitingSurvey w = it.next();
            if (w.waitUntil <= now) {
                alone.add(new Match(SurveyContext.alone(w.survey), false));
                it.remove();
            }
        }
        rated.values().removeIf(r -> r.lastEventMs + retentionMs <= now);
        return alone;
    }

    /** The next instant a waiting survey's wait ends, or {@link Long#MAX_VALUE}. */
    public long nextWakeup() {
        long next = Long.MAX_VALUE;
        for (WaitingSurvey w : waiting) {
            next = Math.min(next, w.waitUntil);
        }
        return next;
    }

    /**
     * The instant the last closed interaction's retention is over, or {@link Long#MIN_VALUE}
     * when none is kept. Forgetting them is clean-up only ({@link #onSurvey} already ignores one
     * past its retention), so it can wait for the customer's other wake-ups, or for this one.
     */
    public long lastForget(long retentionMs) {
        long last = Long.MIN_VALUE;
        for (RatedInteraction r : rated.values()) {
            last = Math.max(last, r.lastEventMs + retentionMs);
        }
        return last;
    }

    public boolean isEmpty() {
        return rated.isEmpty() && waiting.isEmpty();
    }
}
