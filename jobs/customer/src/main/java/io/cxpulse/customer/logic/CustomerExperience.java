package io.cxpulse.customer.logic;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.SurveyContext;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A customer's experience: turns closed interactions and survey answers, in event-time order,
 * into {@code POOR_EXPERIENCE} and {@code REPEAT_CONTACT} alerts, one episode per kind
 * ({@link EpisodePolicy}). The decisions are {@link PoorExperienceRules} and
 * {@link RepeatContactRule}; this part keeps their state.
 *
 * <p>A poor-experience episode resolves when the customer's next interaction goes well
 * (resolved, no signal) or after the quiet period; a repeat-contact episode when a contact
 * resolves the issue or after the quiet period. A survey is judged on its own fields; its
 * interaction, when matched, routes the alert and adds its wait and transfers to the evidence
 * and the summary, and the customer's repeat-contact streak at the survey's time goes into the
 * summary too. An episode's severity is the highest any of its alerts had: an {@code UPDATE}
 * with milder signals never plays it down.
 *
 * <p>A Flink POJO (public fields): part of the customer's state. Death plan: an episode resolves
 * and leaves at the end of its quiet period; the contacts leave one repeat window after the
 * latest (see {@link #nextWakeup}).
 */
public final class CustomerExperience {

    /** The customer's contacts within the repeat window. */
    public List<Contact> contacts = new ArrayList<>();
    public Episode poor;
    public Episode repeat;

    public CustomerExperience() {}

    /** The rules, built once per operator from the configuration. */
    public record Rules(ExperienceConfig config, PoorExperienceRules poor, RepeatContactRule repeat,
            EpisodePolicy episodes) {

        public static Rules of(ExperienceConfig config) {
            return new Rules(config, new PoorExperienceRules(config),
                    new RepeatContactRule(config.repeatContacts(), config.repeatWindow()),
                    new EpisodePolicy(config.episodeQuietPeriod()));
        }
    }

    /** One closed interaction, at its end. */
    public void onInteraction(Interaction interaction, String customer, Rules rules, Consumer<Alert> out) {
        long at = interaction.endedAt().toEpochMilli();
        int streak = rules.repeat().onContact(contacts, Contact.of(interaction));
        List<Signal> signals = rules.poor().evaluate(interaction);
        Duration window = rules.config().repeatWindow();
        if (!signals.isEmpty()) {
            String summary = Summaries.customer(customer, signals, streak, window);
            poor = signal(AlertKind.POOR_EXPERIENCE, poor, at, interaction.teamId(), customer,
                    PoorExperienceRules.severityOf(signals), summary, signals, streakEvidence(streak), rules, out);
        } else if (interaction.isResolved()) {
            poor = resolve(AlertKind.POOR_EXPERIENCE, poor, at, customer,
                    "Customer " + customer + "'s latest contact went well", out);
        }
        // A contact that resolves the issue ends an open repeat-contact episode; with none open, the
        // contact that makes the count opens one whatever its outcome (LOW when it resolved).
        boolean resolvesOpenRepeat = interaction.isResolved() && repeat != null;
        if (streak > 0 && !resolvesOpenRepeat) {
            Severity severity = interaction.isResolved() ? Severity.LOW
                    : streak > rules.config().repeatContacts() ? Severity.HIGH : Severity.MEDIUM;
            repeat = signal(AlertKind.REPEAT_CONTACT, repeat, at, interaction.teamId(), customer, severity,
                    Summaries.customer(customer, List.of(), streak, window), List.of(), streakEvidence(streak),
                    rules, out);
        } else if (interaction.isResolved()) {
            repeat = resolve(AlertKind.REPEAT_CONTACT, repeat, at, customer,
                    "Customer " + customer + "'s issue was resolved", out);
        }
    }

    /** One survey answer, at its own time. */
    public void onSurvey(SurveyContext context, String customer, Rules rules, Consumer<Alert> out) {
        SurveyResponse survey = context.survey;
        List<Signal> signals = rules.poor().evaluate(survey);
        if (signals.isEmpty()) {
            return;
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        if (context.joined) {
            if (context.waitSeconds != null) {
                evidence.put("interaction_wait_s", (double) context.waitSeconds);
            }
            evidence.put("interaction_transfers", (double) context.transfers);
        }
        long at = survey.getEventTime().toEpochMilli();
        int streak = rules.repeat().streakAt(contacts, at);
        evidence.putAll(streakEvidence(streak));
        Duration waited = context.joined && context.waitSeconds != null ? Duration.ofSeconds(context.waitSeconds)
                : null;
        String summary = Summaries.customer(customer, signals, waited, context.joined ? context.transfers : 0, streak,
                rules.config().repeatWindow());
        poor = signal(AlertKind.POOR_EXPERIENCE, poor, at, context.teamId, customer,
                PoorExperienceRules.severityOf(signals), summary, signals, evidence, rules, out);
    }

    /** Resolves the episodes whose quiet period is over at {@code now}; forgets contacts out of the window. */
    public void onTime(long now, String customer, Rules rules, Consumer<Alert> out) {
        String quiet = "No new signal from customer " + customer + " for "
                + rules.config().episodeQuietPeriod().toHours() + " h";
        if (poor != null && rules.episodes().isOver(poor, now)) {
            poor = resolve(AlertKind.POOR_EXPERIENCE, poor, now, customer, quiet, out);
        }
        if (repeat != null && rules.episodes().isOver(repeat, now)) {
            repeat = resolve(AlertKind.REPEAT_CONTACT, repeat, now, customer, quiet, out);
        }
        long windowMs = rules.config().repeatWindow().toMillis();
        contacts.removeIf(c -> c.atMs <= now - windowMs);
    }

    /** The next instant something is due here, or {@link Long#MAX_VALUE}. */
    public long nextWakeup(Rules rules) {
        long next = Long.MAX_VALUE;
        if (poor != null) {
            next = Math.min(next, rules.episodes().quietUntilMs(poor));
        }
        if (repeat != null) {
            next = Math.min(next, rules.episodes().quietUntilMs(repeat));
        }
        long windowMs = rules.config().repeatWindow().toMillis();
        for (Contact c : contacts) {
            next = Math.min(next, c.atMs + windowMs);
        }
        return next;
    }

    public boolean isEmpty() {
        return contacts.isEmpty() && poor == null && repeat == null;
    }

    private static Episode signal(AlertKind kind, Episode current, long at, String teamId, String customer,
            Severity severity, String summary, List<Signal> signals, Map<String, Double> extra, Rules rules,
            Consumer<Alert> out) {
        EpisodePolicy.Transition t = rules.episodes().onSignal(current, at);
        Episode episode = t.episode();
        if (teamId != null) {
            episode.teamId = teamId;
        }
        if (t.status() == AlertStatus.UPDATE && episode.severity != null
                && Severity.valueOf(episode.severity).ordinal() > severity.ordinal()) {
            severity = Severity.valueOf(episode.severity); // an update never plays an episode down
        }
        episode.severity = severity.name();
        out.accept(Alerts.alert(kind, t.status(), episode, SubjectType.CUSTOMER, customer, customer, episode.teamId,
                severity, summary, signals, extra, Instant.ofEpochMilli(at), Instant.now()));
        return episode;
    }

    private static Episode resolve(AlertKind kind, Episode episode, long at, String customer, String summary,
            Consumer<Alert> out) {
        if (episode == null || at < episode.lastSignalMs) {
            return episode;
        }
        out.accept(Alerts.alert(kind, AlertStatus.RESOLVED, episode, SubjectType.CUSTOMER, customer, customer,
                episode.teamId, Severity.valueOf(episode.severity), summary, List.of(), Map.of(),
                Instant.ofEpochMilli(at), Instant.now()));
        return null;
    }

    private static Map<String, Double> streakEvidence(int streak) {
        return streak > 0 ? Map.of("contacts_in_window", (double) streak) : Map.of();
    }
}
