package io.cxpulse.experience.logic;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether one interaction, or one survey about it, was a poor experience, and why.
 *
 * <p>Interaction signals: answered after a long wait ({@code > long-wait-answered}, HIGH when
 * over twice that); abandoned after waiting ({@code > abandoned-after}); {@code max-transfers}
 * or more transfers (HIGH at two more than that); a customer chat with negative sentiment
 * (MEDIUM) or escalation words (HIGH); the complaint flag (MEDIUM). Survey signals: CSAT at or
 * below {@code low-csat-max} (1 is HIGH, 2 MEDIUM); an NPS detractor (0–2 HIGH, 3–4 MEDIUM,
 * 5–6 LOW). Every signal of one interaction goes into one alert: the severity is the highest
 * signal's, one level higher when three or more signals agree.
 *
 * <p>A contact abandoned within {@code abandoned-after} is not a poor experience yet (the
 * caller may simply have changed their mind), and an incomplete interaction (closed by the
 * timeout) is judged only on what is known.
 */
public final class PoorExperienceRules {

    private final ExperienceConfig config;

    public PoorExperienceRules(ExperienceConfig config) {
        this.config = config;
    }

    /** Signals of a finished interaction; empty when it went fine. */
    public List<Signal> evaluate(Interaction interaction) {
        List<Signal> signals = new ArrayList<>();
        Duration wait = interaction.waitTime();
        if (wait != null && !interaction.abandoned() && wait.compareTo(config.longWaitAnswered()) > 0) {
            Severity severity = wait.compareTo(config.longWaitAnswered().multipliedBy(2)) > 0 ? Severity.HIGH : Severity.MEDIUM;
            signals.add(new Signal("wait_s=" + wait.toSeconds(), "waited " + minutes(wait) + " to be answered",
                    severity, "wait_s", wait.toSeconds()));
        }
        if (interaction.abandoned() && wait != null && wait.compareTo(config.abandonedAfter()) > 0) {
            signals.add(new Signal("abandoned_after_s=" + wait.toSeconds(), "gave up after waiting " + minutes(wait),
                    Severity.MEDIUM, "abandoned_after_s", wait.toSeconds()));
        }
        if (interaction.transfers() >= config.maxTransfers()) {
            Severity severity = interaction.transfers() >= config.maxTransfers() + 2 ? Severity.HIGH : Severity.MEDIUM;
            signals.add(new Signal("transfers=" + interaction.transfers(),
                    "was transferred " + interaction.transfers() + " times", severity, "transfers",
                    interaction.transfers()));
        }
        if (!interaction.escalationTerms().isEmpty()) {
            signals.add(new Signal("escalation=" + String.join("|", interaction.escalationTerms()),
                    "used escalation words (" + String.join(", ", interaction.escalationTerms()) + ")",
                    Severity.HIGH, "escalation_terms", interaction.escalationTerms().size()));
        }
        if (interaction.negativeCustomerMessages() > 0) {
            double sentiment = interaction.sentiment() == null ? 0 : interaction.sentiment();
            signals.add(new Signal("negative_chat", "wrote " + interaction.negativeCustomerMessages()
                    + " angry message" + (interaction.negativeCustomerMessages() == 1 ? "" : "s"),
                    Severity.MEDIUM, "sentiment", sentiment));
        }
        if (interaction.complaint()) {
            signals.add(new Signal("complaint", "complained", Severity.MEDIUM, "complaint", 1));
        }
        return signals;
    }

    /** Signals of a survey answer; empty for a satisfied customer. */
    public List<Signal> evaluate(SurveyResponse survey) {
        List<Signal> signals = new ArrayList<>();
        Integer csat = survey.getCsat();
        if (csat != null && csat <= config.lowCsatMax()) {
            signals.add(new Signal("csat=" + csat, "rated CSAT " + csat,
                    csat <= 1 ? Severity.HIGH : Severity.MEDIUM, "csat", csat));
        }
        Integer nps = survey.getNps();
        if (nps != null && nps <= config.npsDetractorMax()) {
            Severity severity = nps <= 2 ? Severity.HIGH : nps <= 4 ? Severity.MEDIUM : Severity.LOW;
            signals.add(new Signal("nps=" + nps, "gave NPS " + nps, severity, "nps", nps));
        }
        return signals;
    }

    /** The alert's severity: the highest signal's, raised one level when three or more agree. */
    public static Severity severityOf(List<Signal> signals) {
        Severity highest = Severity.LOW;
        for (Signal s : signals) {
            if (s.severity().ordinal() > highest.ordinal()) {
                highest = s.severity();
            }
        }
        if (signals.size() >= 3 && highest != Severity.CRITICAL) {
            return Severity.values()[highest.ordinal() + 1];
        }
        return highest;
    }

    static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + " min" : d.toSeconds() + " s";
    }
}
