package io.cxpulse.customer;

import io.cxpulse.common.config.DedupConfig;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.metrics.MetricsConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the customer core needs of the configuration, taken from the sections that set it
 * (see each section's README for the thresholds and defaults).
 *
 * @param experience the customer alerts' thresholds ({@code experience:})
 * @param interactionTimeout an interaction with no event for this long closes incomplete
 *     ({@code experience.interaction-timeout}; the metrics section's must agree)
 * @param allowedLateness an interaction whose first event is this far behind the watermark is
 *     still assembled, for the metric windows' corrections ({@code metrics.allowed-lateness})
 * @param serviceLevel {@code metrics.service-level}
 * @param firstContactLookback {@code metrics.first-contact-lookback}
 * @param surveyWait how long a survey waits for its interaction before it is judged alone
 *     ({@code experience.survey-wait})
 * @param surveyQueueWait how long its interaction's queue still counts in the metrics
 *     ({@code metrics.survey-wait})
 * @param surveyRetention how long a closed interaction is kept for its surveys
 *     ({@code experience.survey-retention})
 * @param shipmentRetention how long a shipped order is kept for complaints about it
 *     ({@code complaints.shipment-retention})
 * @param shipmentWait how long a complaint waits for its order's shipment before the supplier
 *     shares count it unattributed ({@code complaints.shipment-wait})
 * @param metricsShipmentWait how long its supplier still counts in the metrics
 *     ({@code metrics.shipment-wait})
 * @param dedupHorizon how long an event id is remembered ({@code dedup.horizon})
 */
public record CustomerCoreConfig(
        ExperienceConfig experience,
        Duration interactionTimeout,
        Duration allowedLateness,
        Duration serviceLevel,
        Duration firstContactLookback,
        Duration surveyWait,
        Duration surveyQueueWait,
        Duration surveyRetention,
        Duration shipmentRetention,
        Duration shipmentWait,
        Duration metricsShipmentWait,
        Duration dedupHorizon) implements Serializable {

    public static CustomerCoreConfig of(ExperienceConfig experience, MetricsConfig metrics, ComplaintsConfig complaints,
            DedupConfig dedup) {
        if (!experience.interactionTimeout().equals(metrics.interactionTimeout())) {
            throw new IllegalArgumentException("experience.interaction-timeout (" + experience.interactionTimeout()
                    + ") and metrics.interaction-timeout (" + metrics.interactionTimeout() + ") must agree: calls and"
                    + " chats are assembled once, for both");
        }
        return new CustomerCoreConfig(experience, experience.interactionTimeout(), metrics.allowedLateness(),
                metrics.serviceLevel(), metrics.firstContactLookback(), experience.surveyWait(), metrics.surveyWait(),
                experience.surveyRetention(), complaints.shipmentRetention(), complaints.shipmentWait(),
                metrics.shipmentWait(), dedup.horizon());
    }
}
