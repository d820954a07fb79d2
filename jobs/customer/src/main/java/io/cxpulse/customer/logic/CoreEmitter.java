package io.cxpulse.customer.logic;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.Interaction;

/**
 * Where the customer core's parts send what leaves the core: small, typed records, each bound
 * for its own consumer. The Flink operator routes each to its output; tests collect them.
 */
public interface CoreEmitter {

    /** A customer alert, for {@code cx.alerts.v1}. */
    void alert(Alert alert);

    /** A closed call or chat, for {@code cx.interactions.v1}. */
    void interaction(Interaction interaction);

    /** A count for the metric windows of one dimension value. */
    void contribution(Contribution contribution);

    /** A shipment or complaint for the supplier shares of a category. */
    void shareCount(ShareCount count);

    /** An opened complaint at its event time, with its supplier when known by then: for the spike monitor. */
    void complaintArrived(AttributedComplaint complaint);

    /** A caller joining or leaving a queue: for the live queue monitor. */
    void queueMove(QueueMove move);
}
