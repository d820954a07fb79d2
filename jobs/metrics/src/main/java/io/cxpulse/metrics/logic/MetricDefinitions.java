package io.cxpulse.metrics.logic;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;

/**
 * What each input adds to the counts: the metric definitions, written once (the module README
 * states the same in prose).
 *
 * <ul>
 *   <li>A <b>contact</b> (a call or chat that completed, ENDED or ABANDONED; one closed by the
 *       inactivity timeout never completed and is not counted) is offered. It is
 *       <b>abandoned</b> when the customer left before an agent answered, <b>handled</b> when an
 *       agent answered it; a handled contact adds its wait (queued or started to answered; 0 when
 *       the start is unknown) and its handle time (answered to ended), and is <b>answered within
 *       the service level</b> when its wait is at most the threshold (default 20 s). Its
 *       transfers add up. It is <b>resolved on first contact</b> when it was handled, ended
 *       resolved, and was the customer's first contact on its reason within the lookback.
 *   <li>A <b>survey</b> adds a CSAT response when it has a CSAT score (1..5), satisfied at 4 or 5;
 *       an NPS response when it has an NPS score (0..10), a promoter at 9 or 10, a detractor at 0
 *       to 6.
 *   <li>An OPENED <b>complaint</b> adds one complaint; a SHIPPED <b>shipment</b> one shipment.
 * </ul>
 */
public final class MetricDefinitions {

    public static final int CSAT_SATISFIED_MIN = 4;
    public static final int NPS_PROMOTER_MIN = 9;
    public static final int NPS_DETRACTOR_MAX = 6;

    private MetricDefinitions() {}

    /** Whether a closed interaction counts as a contact at all: it completed. */
    public static boolean isContact(Interaction interaction) {
        return !interaction.incomplete();
    }

    /**
     * The counts of one completed contact.
     *
     * @param firstOnReason the customer had no earlier contact on this reason within the lookback
     */
    public static MetricCounts contact(Interaction interaction, boolean firstOnReason, Duration serviceLevel) {
        MetricCounts c = new MetricCounts();
        c.contacts = 1;
        c.transfers = interaction.transfers();
        if (interaction.abandoned()) {
            c.abandoned = 1;
            return c;
        }
        if (!isHandled(interaction)) {
            return c;
        }
        c.handled = 1;
        long waitMs = interaction.waitTime() == null ? 0 : interaction.waitTime().toMillis();
        c.waitMsSum = waitMs;
        c.handleMsSum = interaction.handleTime() == null ? 0 : interaction.handleTime().toMillis();
        c.answeredWithinSl = waitMs <= serviceLevel.toMillis() ? 1 : 0;
        c.resolvedFirstContact = firstOnReason && interaction.isResolved() ? 1 : 0;
        return c;
    }

    /** An agent answered it: it has a handle time (answered, then ended). */
    public static boolean isHandled(Interaction interaction) {
        return !interaction.abandoned() && interaction.handleTime() != null;
    }

    /** The counts of one survey answer. */
    public static MetricCounts survey(SurveyResponse survey) {
        MetricCounts c = new MetricCounts();
        if (survey.getCsat() != null) {
            c.csatResponses = 1;
            c.csatSatisfied = survey.getCsat() >= CSAT_SATISFIED_MIN ? 1 : 0;
        }
        if (survey.getNps() != null) {
            c.npsResponses = 1;
            c.npsPromoters = survey.getNps() >= NPS_PROMOTER_MIN ? 1 : 0;
            c.npsDetractors = survey.getNps() <= NPS_DETRACTOR_MAX ? 1 : 0;
        }
        return c;
    }

    public static MetricCounts complaint() {
        MetricCounts c = new MetricCounts();
        c.complaints = 1;
        return c;
    }

    public static MetricCounts shipment() {
        MetricCounts c = new MetricCounts();
        c.shipments = 1;
        return c;
    }
}
