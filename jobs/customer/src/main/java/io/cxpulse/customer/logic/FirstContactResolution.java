package io.cxpulse.customer.logic;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.metrics.logic.FirstContacts;
import io.cxpulse.metrics.logic.MetricDefinitions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's completed contacts as metric contributions, each judged first-contact-resolved
 * or not ({@link FirstContacts}: no earlier contact on the same reason within the lookback).
 * Contacts are fed at their completion time, in completion-time order (ties by channel and id),
 * so the answer does not depend on arrival order. An interaction closed by the inactivity
 * timeout never completed: it contributes nothing.
 *
 * <p>A Flink POJO (public fields): part of the customer's state. Death plan: a reason is
 * forgotten {@code lookback} after its last contact.
 */
public final class FirstContactResolution {

    /** The last contact time per contact reason. */
    public Map<String, Long> lastContactByReason = new HashMap<>();

    public FirstContactResolution() {}

    /** The contributions of one contact completed at {@code at}; none for one closed by the timeout. */
    public List<Contribution> onContact(Interaction interaction, boolean closedByTimeout, long at,
            Duration serviceLevel, long lookbackMs) {
        if (closedByTimeout) {
            return List.of();
        }
        boolean first = FirstContacts.record(lastContactByReason, interaction.reason(), at, lookbackMs);
        return Contributions.contact(interaction, MetricDefinitions.contact(interaction, first, serviceLevel));
    }

    public void onTime(long now, long lookbackMs) {
        FirstContacts.expire(lastContactByReason, now, lookbackMs);
    }

    /** The next instant something is due here, or {@link Long#MAX_VALUE}. */
    public long nextWakeup(long lookbackMs) {
        long next = Long.MAX_VALUE;
        for (long last : lastContactByReason.values()) {
            next = Math.min(next, last + lookbackMs + 1);
        }
        return next;
    }

    public boolean isEmpty() {
        return lastContactByReason.isEmpty();
    }
}
