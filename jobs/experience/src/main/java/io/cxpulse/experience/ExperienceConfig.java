package io.cxpulse.experience;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the customer-experience rules (section {@code experience:}), each with its documented default (see the module README).
 *
 * @param lowCsatMax a survey CSAT at or below this is poor (default 2 on the 1..5 scale)
 * @param npsDetractorMax an NPS at or below this is a detractor (default 6 on 0..10)
 * @param longWaitAnswered an answered contact that waited longer than this is poor (default 5 min)
 * @param abandonedAfter a contact abandoned after waiting longer than this is poor (default 2 min);
 *     a caller who hangs up after ten seconds has not had a bad experience yet
 * @param maxTransfers this many transfers or more is poor (default 3)
 * @param repeatContacts this many contacts by one customer within {@code repeatWindow}, with the
 *     earlier ones unresolved, is a repeat contact (default 3)
 * @param repeatWindow default 72 h
 * @param interactionTimeout an interaction with no event for this long is closed as incomplete
 *     (default 4 h)
 * @param episodeQuietPeriod an open customer episode with no new signal for this long resolves
 *     (default 24 h)
 * @param queueMaxOldestWait a queue whose oldest waiting caller has waited longer than this is
 *     in trouble ({@code LONG_WAIT}; default 3 min)
 * @param queueMaxWaiting ... or one with this many callers waiting at once (default 20)
 * @param queueCalmPeriod a queue back under both limits for this long resolves (default 10 min)
 * @param surveyWait a survey that arrives before its interaction waits this long (event time)
 *     for it, then is judged alone (default 10 min)
 * @param surveyRetention a closed interaction is kept this long for surveys about it (default 48 h)
 */
public record ExperienceConfig(
        int lowCsatMax,
        int npsDetractorMax,
        Duration longWaitAnswered,
        Duration abandonedAfter,
        int maxTransfers,
        int repeatContacts,
        Duration repeatWindow,
        Duration interactionTimeout,
        Duration episodeQuietPeriod,
        Duration queueMaxOldestWait,
        int queueMaxWaiting,
        Duration queueCalmPeriod,
        Duration surveyWait,
        Duration surveyRetention) implements Serializable {

    /** The configuration file's section for these settings: {@code experience:}. */
    public static final String NAME = "experience";

    public static final ExperienceConfig DEFAULTS = new ExperienceConfig(
            2, 6, Duration.ofMinutes(5), Duration.ofMinutes(2), 3, 3, Duration.ofHours(72),
            Duration.ofHours(4), Duration.ofHours(24), Duration.ofMinutes(3), 20, Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofHours(48));

    public ExperienceConfig {
        if (lowCsatMax < 1 || lowCsatMax > 5) {
            throw new IllegalArgumentException("low-csat-max must be within 1..5");
        }
        if (npsDetractorMax < 0 || npsDetractorMax > 10) {
            throw new IllegalArgumentException("nps-detractor-max must be within 0..10");
        }
        if (maxTransfers < 1 || repeatContacts < 2 || queueMaxWaiting < 1) {
            throw new IllegalArgumentException("max-transfers and queue-max-waiting must be ≥ 1, repeat-contacts ≥ 2");
        }
        for (Duration d : new Duration[] {longWaitAnswered, abandonedAfter, repeatWindow, interactionTimeout,
                episodeQuietPeriod, queueMaxOldestWait, queueCalmPeriod, surveyWait, surveyRetention}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every duration of the experience job must be positive");
            }
        }
    }
}
