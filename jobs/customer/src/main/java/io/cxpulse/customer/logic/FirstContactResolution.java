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
 * forgotten at the customer's first wake-up {@code lookback} after its last contact.
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

    /**
     * The instant the last reason can be forgotten, or {@link Long#MIN_VALUE} when none is kept.
     * Forgetting is clean-up only ({@link FirstContacts#record} compares times, not presence), so
     * it can wait for the customer's other wake-ups, or for this one.
     */
    public long lastForget(long lookbackMs) {
        long last = Long.MIN_VALUE;
        for (long contact : lastContactByReason.values()) {
            last = Math.max(last, contact + lookbackMs + 1);
        }
        return last;
    }

    public boolean isEmpty() {
        return lastContactByReason.isEmpty();
    }
}
