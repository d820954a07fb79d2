package io.cxpulse.metrics.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.SurveyResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dimension values each input counts under. A value that is missing on the event (a call
 * abandoned before any agent has no AGENT or TEAM) is simply not counted under that dimension,
 * so each dimension's values add up to ALL only where every event carries it. The contributions
 * of one event share one {@link MetricCounts}: nothing downstream changes it (the window adds it
 * into its own accumulator).
 *
 * <ul>
 *   <li>contact: ALL, CHANNEL, QUEUE, TEAM and AGENT (the last agent's);
 *   <li>survey: ALL, CHANNEL, TEAM and AGENT from its own fields, and QUEUE from the interaction
 *       it rates when that is known ({@link #surveyQueue});
 *   <li>OPENED complaint: ALL, CHANNEL and CATEGORY, and SUPPLIER when its order's shipment
 *       names one ({@link #attributedComplaint});
 *   <li>SHIPPED shipment: ALL and SUPPLIER.
 * </ul>
 */
public final class Contributions {

    /** The value of the ALL dimension. */
    public static final String ALL = "all";

    private Contributions() {}

    public static List<Contribution> contact(Interaction interaction, MetricCounts counts) {
        long at = interaction.endedAt().toEpochMilli();
        List<Contribution> out = new ArrayList<>(5);
        add(out, Dimension.ALL, ALL, at, counts);
        add(out, Dimension.CHANNEL, interaction.channel().name(), at, counts);
        add(out, Dimension.QUEUE, interaction.queue(), at, counts);
        add(out, Dimension.TEAM, interaction.teamId(), at, counts);
        add(out, Dimension.AGENT, interaction.agentId(), at, counts);
        return out;
    }

    public static List<Contribution> survey(SurveyResponse survey) {
        MetricCounts counts = MetricDefinitions.survey(survey);
        long at = survey.getEventTime().toEpochMilli();
        List<Contribution> out = new ArrayList<>(4);
        add(out, Dimension.ALL, ALL, at, counts);
        add(out, Dimension.CHANNEL, survey.getChannel() == null ? null : survey.getChannel().name(), at, counts);
        add(out, Dimension.TEAM, survey.getTeamId(), at, counts);
        add(out, Dimension.AGENT, survey.getAgentId(), at, counts);
        return out;
    }

    public static List<Contribution> surveyQueue(SurveyResponse survey, String queue) {
        List<Contribution> out = new ArrayList<>(1);
        add(out, Dimension.QUEUE, queue, survey.getEventTime().toEpochMilli(), MetricDefinitions.survey(survey));
        return out;
    }

    public static List<Contribution> complaint(ComplaintEvent complaint) {
        MetricCounts counts = MetricDefinitions.complaint();
        long at = complaint.getEventTime().toEpochMilli();
        List<Contribution> out = new ArrayList<>(3);
        add(out, Dimension.ALL, ALL, at, counts);
        add(out, Dimension.CHANNEL, complaint.getChannel() == null ? null : complaint.getChannel().name(), at, counts);
        add(out, Dimension.CATEGORY, complaint.getCategory().name(), at, counts);
        return out;
    }

    public static List<Contribution> attributedComplaint(AttributedComplaint complaint) {
        List<Contribution> out = new ArrayList<>(1);
        add(out, Dimension.SUPPLIER, complaint.supplierId, complaint.eventTimeMs, MetricDefinitions.complaint());
        return out;
    }

    public static List<Contribution> shipment(ShipmentEvent shipment) {
        MetricCounts counts = MetricDefinitions.shipment();
        long at = shipment.getEventTime().toEpochMilli();
        List<Contribution> out = new ArrayList<>(2);
        add(out, Dimension.ALL, ALL, at, counts);
        add(out, Dimension.SUPPLIER, shipment.getSupplierId(), at, counts);
        return out;
    }

    private static void add(List<Contribution> out, Dimension dimension, String value, long at, MetricCounts counts) {
        if (value != null && !value.isEmpty()) {
            out.add(new Contribution(dimension.name(), value, at, counts));
        }
    }
}
