package io.cxpulse.experience.functions;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.InteractionAssembler;
import io.cxpulse.common.interaction.SurveyContext;
import io.cxpulse.common.interaction.SurveyJoiner;
import io.cxpulse.common.time.LateEvents;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.logic.Alerts;
import io.cxpulse.experience.logic.Contact;
import io.cxpulse.experience.logic.Episode;
import io.cxpulse.experience.logic.EpisodePolicy;
import io.cxpulse.experience.logic.PoorExperienceRules;
import io.cxpulse.experience.logic.RepeatContactRule;
import io.cxpulse.experience.logic.Signal;
import io.cxpulse.experience.logic.Summaries;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per customer: turns closed interactions and survey answers into {@code POOR_EXPERIENCE} and
 * {@code REPEAT_CONTACT} alerts with one episode per kind ({@link EpisodePolicy}), keyed by
 * {@code customer_id}. The decisions are {@link PoorExperienceRules} and
 * {@link RepeatContactRule}; this operator keeps their state and timers.
 *
 * <p>A poor-experience episode resolves when the customer's next interaction goes well
 * (resolved, no signal) or after the quiet period; a repeat-contact episode when a contact
 * resolves the issue or after the quiet period. A survey is judged on its own fields here; its
 * interaction, when the joiner found it, routes the alert and adds its wait and transfers to the
 * evidence and the summary, and the customer's repeat-contact streak at the survey's time goes
 * into the summary too. An episode's severity is the highest any of its alerts had: an
 * {@code UPDATE} with milder signals never plays it down.
 *
 * <p>Inputs are buffered until the watermark passes their event time and then handled in
 * event-time order, so the same input gives the same episodes and alert ids, live or replayed.
 *
 * <p>State: inputs waiting for the watermark, the customer's contacts within the repeat window,
 * and at most one open episode per kind. Death plan: an event-time timer at the end of each episode's quiet period resolves and
 * clears it; a timer one window after the latest contact clears the contacts.
 */
public final class CustomerAlertDetector
        extends KeyedCoProcessFunction<String, InteractionAccumulator, SurveyContext, Alert> {

    private static final long serialVersionUID = 1L;

    static final String CONTACTS_STATE = "recent-contacts";
    static final String POOR_EPISODE_STATE = "poor-experience-episode";
    static final String REPEAT_EPISODE_STATE = "repeat-contact-episode";
    static final String PENDING_INTERACTIONS_STATE = "pending-interactions";
    static final String PENDING_SURVEYS_STATE = "pending-surveys";

    private final ExperienceConfig config;

    private transient PoorExperienceRules rules;
    private transient RepeatContactRule repeatRule;
    private transient EpisodePolicy episodes;
    private transient ListState<Contact> contacts;
    private transient ValueState<Episode> poorEpisode;
    private transient LateEvents lateEvents;
    private transient ValueState<Episode> repeatEpisode;
    private transient MapState<Long, List<InteractionAccumulator>> pendingInteractions;
    private transient MapState<Long, List<SurveyContext>> pendingSurveys;

    public CustomerAlertDetector(ExperienceConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new PoorExperienceRules(config);
        repeatRule = new RepeatContactRule(config.repeatContacts(), config.repeatWindow());
        episodes = new EpisodePolicy(config.episodeQuietPeriod());
        contacts = getRuntimeContext().getListState(
                new ListStateDescriptor<>(CONTACTS_STATE, TypeInformation.of(Contact.class)));
        poorEpisode = getRuntimeContext().getState(
                new ValueStateDescriptor<>(POOR_EPISODE_STATE, TypeInformation.of(Episode.class)));
        repeatEpisode = getRuntimeContext().getState(
                new ValueStateDescriptor<>(REPEAT_EPISODE_STATE, TypeInformation.of(Episode.class)));
        pendingInteractions = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                PENDING_INTERACTIONS_STATE, Types.LONG, Types.LIST(InteractionAssembler.OUTPUT_TYPE)));
        pendingSurveys = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                PENDING_SURVEYS_STATE, Types.LONG, Types.LIST(SurveyJoiner.OUTPUT_TYPE)));
        lateEvents = LateEvents.register(getRuntimeContext(), "customer-alert-detector");
    }

    @Override
    public void processElement1(InteractionAccumulator closed, Context ctx, Collector<Alert> out) throws Exception {
        long at = timeOf(closed);
        if (at <= ctx.timerService().currentWatermark()) {
            lateEvents.appliedLate();
        }
        append(pendingInteractions, at, closed);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void processElement2(SurveyContext survey, Context ctx, Collector<Alert> out) throws Exception {
        long at = survey.survey.getEventTime().toEpochMilli();
        if (at <= ctx.timerService().currentWatermark()) {
            lateEvents.appliedLate();
        }
        append(pendingSurveys, at, survey);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void onInteraction(InteractionAccumulator closed, Context ctx, Collector<Alert> out) throws Exception {
        Interaction interaction = closed.toInteraction();
        long at = interaction.endedAt().toEpochMilli();
        String customer = ctx.getCurrentKey();

        List<Contact> history = new ArrayList<>();
        contacts.get().forEach(history::add);
        int streak = repeatRule.onContact(history, Contact.of(interaction));
        contacts.update(history);
        ctx.timerService().registerEventTimeTimer(contactsExpiry(history));

        List<Signal> signals = rules.evaluate(interaction);
        if (!signals.isEmpty()) {
            String summary = Summaries.customer(customer, signals, streak, config.repeatWindow());
            signal(AlertKind.POOR_EXPERIENCE, poorEpisode, at, interaction.teamId(),
                    PoorExperienceRules.severityOf(signals), summary, signals, streakEvidence(streak), ctx, out);
        } else if (interaction.isResolved()) {
            resolve(AlertKind.POOR_EXPERIENCE, poorEpisode, at, customer, "Customer " + customer
                    + "'s latest contact went well", out);
        }
        // A contact that resolves the issue ends an open repeat-contact episode; with none open, the
        // contact that makes the count opens one whatever its outcome (LOW when it resolved).
        boolean resolvesOpenRepeat = interaction.isResolved() && repeatEpisode.value() != null;
        if (streak > 0 && !resolvesOpenRepeat) {
            Severity severity = interaction.isResolved() ? Severity.LOW : streak > config.repeatContacts() ? Severity.HIGH
                    : Severity.MEDIUM;
            signal(AlertKind.REPEAT_CONTACT, repeatEpisode, at, interaction.teamId(), severity,
                    Summaries.customer(customer, List.of(), streak, config.repeatWindow()), List.of(),
                    streakEvidence(streak), ctx, out);
        } else if (interaction.isResolved()) {
            resolve(AlertKind.REPEAT_CONTACT, repeatEpisode, at, customer,
                    "Customer " + customer + "'s issue was resolved", out);
        }
    }

    private void onSurvey(SurveyContext context, Context ctx, Collector<Alert> out) throws Exception {
        SurveyResponse survey = context.survey;
        List<Signal> signals = rules.evaluate(survey);
        if (signals.isEmpty()) {
            return;
        }
        String customer = ctx.getCurrentKey();
        Map<String, Double> evidence = new LinkedHashMap<>();
        if (context.joined) {
            if (context.waitSeconds != null) {
                evidence.put("interaction_wait_s", (double) context.waitSeconds);
            }
            evidence.put("interaction_transfers", (double) context.transfers);
        }
        long at = survey.getEventTime().toEpochMilli();
        List<Contact> history = new ArrayList<>();
        contacts.get().forEach(history::add);
        int streak = repeatRule.streakAt(history, at);
        evidence.putAll(streakEvidence(streak));
        Duration waited = context.joined && context.waitSeconds != null ? Duration.ofSeconds(context.waitSeconds) : null;
        String summary = Summaries.customer(customer, signals, waited, context.joined ? context.transfers : 0, streak,
                config.repeatWindow());
        signal(AlertKind.POOR_EXPERIENCE, poorEpisode, at, context.teamId, PoorExperienceRules.severityOf(signals),
                summary, signals, evidence, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        processDue(timestamp, ctx, out);
        String customer = ctx.getCurrentKey();
        expireIfQuiet(AlertKind.POOR_EXPERIENCE, poorEpisode, timestamp, customer, out);
        expireIfQuiet(AlertKind.REPEAT_CONTACT, repeatEpisode, timestamp, customer, out);
        List<Contact> recent = new ArrayList<>();
        for (Contact c : contacts.get()) {
            if (c.atMs > timestamp - config.repeatWindow().toMillis()) {
                recent.add(c);
            }
        }
        if (recent.isEmpty()) {
            contacts.clear();
        } else {
            contacts.update(recent);
        }
    }

    /**
     * Handles the buffered inputs of exactly this instant (timers fire in time order, one per
     * instant: linear however far the watermark lags): interactions before surveys, each by id,
     * so an episode starts at the same signal, and so gets the same alert id, however the
     * inputs interleaved.
     */
    private void processDue(long now, Context ctx, Collector<Alert> out) throws Exception {
        List<InteractionAccumulator> interactions = pendingInteractions.get(now);
        if (interactions != null) {
            pendingInteractions.remove(now);
            List<InteractionAccumulator> sorted = new ArrayList<>(interactions);
            sorted.sort(Comparator.comparing(i -> i.interactionId));
            for (InteractionAccumulator i : sorted) {
                onInteraction(i, ctx, out);
            }
        }
        List<SurveyContext> surveys = pendingSurveys.get(now);
        if (surveys != null) {
            pendingSurveys.remove(now);
            List<SurveyContext> sorted = new ArrayList<>(surveys);
            sorted.sort(Comparator.comparing(c -> c.survey.getEventId()));
            for (SurveyContext c : sorted) {
                onSurvey(c, ctx, out);
            }
        }
    }

    private static <T> void append(MapState<Long, List<T>> buckets, long at, T item) throws Exception {
        List<T> bucket = buckets.get(at);
        bucket = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket);
        bucket.add(item);
        buckets.put(at, bucket);
    }

    private static long timeOf(InteractionAccumulator i) {
        return i.closedAt() != null ? i.closedAt().toEpochMilli() : i.lastEventMs;
    }

    private void signal(AlertKind kind, ValueState<Episode> state, long at, String teamId, Severity severity,
            String summary, List<Signal> signals, Map<String, Double> extra, Context ctx, Collector<Alert> out)
            throws Exception {
        EpisodePolicy.Transition t = episodes.onSignal(state.value(), at);
        Episode episode = t.episode();
        if (teamId != null) {
            episode.teamId = teamId;
        }
        if (t.status() == AlertStatus.UPDATE && episode.severity != null
                && Severity.valueOf(episode.severity).ordinal() > severity.ordinal()) {
            severity = Severity.valueOf(episode.severity); // an update never plays an episode down
        }
        episode.severity = severity.name();
        state.update(episode);
        ctx.timerService().registerEventTimeTimer(episodes.quietUntilMs(episode));
        out.collect(Alerts.alert(kind, t.status(), episode, SubjectType.CUSTOMER, ctx.getCurrentKey(),
                ctx.getCurrentKey(), episode.teamId, severity,
                summary, signals, extra, Instant.ofEpochMilli(at), Instant.now()));
    }

    private static Map<String, Double> streakEvidence(int streak) {
        return streak > 0 ? Map.of("contacts_in_window", (double) streak) : Map.of();
    }

    private void resolve(AlertKind kind, ValueState<Episode> state, long at, String customer, String summary,
            Collector<Alert> out) throws Exception {
        Episode episode = state.value();
        if (episode == null || at < episode.lastSignalMs) {
            return;
        }
        out.collect(Alerts.alert(kind, AlertStatus.RESOLVED, episode, SubjectType.CUSTOMER, customer, customer,
                episode.teamId,
                Severity.valueOf(episode.severity), summary, List.of(), Map.of(), Instant.ofEpochMilli(at), Instant.now()));
        state.clear();
    }

    private void expireIfQuiet(AlertKind kind, ValueState<Episode> state, long now, String customer,
            Collector<Alert> out) throws Exception {
        Episode episode = state.value();
        if (episode != null && episodes.isOver(episode, now)) {
            resolve(kind, state, now, customer, "No new signal from customer " + customer + " for "
                    + config.episodeQuietPeriod().toHours() + " h", out);
        }
    }

    private long contactsExpiry(List<Contact> history) {
        long newest = history.stream().mapToLong(c -> c.atMs).max().orElse(Long.MIN_VALUE);
        return newest + config.repeatWindow().toMillis();
    }
}
