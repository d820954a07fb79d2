package io.cxpulse.metrics.functions;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.InteractionAssembler;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.metrics.logic.Contributions;
import io.cxpulse.metrics.logic.FirstContacts;
import io.cxpulse.metrics.logic.MetricDefinitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each customer's completed contacts into metric contributions, deciding which were
 * resolved on first contact ({@link FirstContacts}), keyed by customer (a contact with no
 * customer is keyed by its own id, and so is always a first contact).
 *
 * <p>A contact is judged when the watermark passes its completion time, in completion-time
 * order (ties by interaction id), so the answer does not depend on the order in which
 * contacts closed on different subtasks arrive. Its contributions leave at that time. A contact
 * the assembler closed by the inactivity timeout never completed: it is counted in
 * {@code incompleteContacts} and contributes nothing.
 *
 * <p>State per customer: the last contact time per reason, and contacts waiting for the
 * watermark. Death plan: a waiting contact leaves when judged; a reason is forgotten by a timer
 * {@code lookback} after its last contact, so a customer who stops calling leaves no state.
 */
public final class FirstContactTracker extends KeyedProcessFunction<String, InteractionAccumulator, Contribution> {

    private static final long serialVersionUID = 1L;

    static final String LAST_CONTACT_STATE = "last-contact-by-reason";
    static final String WAITING_STATE = "contacts-waiting";

    public static final TypeInformation<Contribution> OUTPUT_TYPE = TypeInformation.of(Contribution.class);

    private final Duration serviceLevel;
    private final long lookbackMs;

    private transient MapState<String, Long> lastContact;
    private transient MapState<Long, List<InteractionAccumulator>> waiting;
    private transient Counter incomplete;
    private transient LateEvents lateEvents;

    public FirstContactTracker(Duration serviceLevel, Duration lookback) {
        this.serviceLevel = serviceLevel;
        this.lookbackMs = lookback.toMillis();
    }

    /** The key: the customer, or the interaction itself when it names none. */
    public static String key(InteractionAccumulator interaction) {
        return interaction.customerId != null ? "customer:" + interaction.customerId
                : "interaction:" + interaction.channel + ":" + interaction.interactionId;
    }

    @Override
    public void open(OpenContext openContext) {
        lastContact = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(LAST_CONTACT_STATE, Types.STRING, Types.LONG));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(WAITING_STATE, Types.LONG,
                Types.LIST(InteractionAssembler.OUTPUT_TYPE)));
        incomplete = getRuntimeContext().getMetricGroup().counter("incompleteContacts");
        lateEvents = LateEvents.register(getRuntimeContext(), "first-contact-tracker");
    }

    @Override
    public void processElement(InteractionAccumulator closed, Context ctx, Collector<Contribution> out)
            throws Exception {
        if (closed.closedByTimeout || closed.closedAt() == null) {
            incomplete.inc();
            return;
        }
        long at = closed.closedAt().toEpochMilli();
        if (at <= ctx.timerService().currentWatermark()) {
            lateEvents.appliedLate();
        }
        List<InteractionAccumulator> same = waiting.get(at);
        List<InteractionAccumulator> updated = same == null ? new ArrayList<>(1) : new ArrayList<>(same);
        updated.add(closed);
        waiting.put(at, updated);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) throws Exception {
        Map<String, Long> last = new HashMap<>();
        for (Map.Entry<String, Long> e : lastContact.entries()) {
            last.put(e.getKey(), e.getValue());
        }
        List<InteractionAccumulator> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            List<InteractionAccumulator> ordered = new ArrayList<>(due);
            ordered.sort(Comparator.comparing((InteractionAccumulator i) -> i.channel)
                    .thenComparing(i -> i.interactionId));
            for (InteractionAccumulator closed : ordered) {
                Interaction interaction = closed.toInteraction();
                boolean first = FirstContacts.record(last, interaction.reason(), timestamp, lookbackMs);
                for (Contribution c : Contributions.contact(interaction,
                        MetricDefinitions.contact(interaction, first, serviceLevel))) {
                    out.collect(c);
                }
            }
            ctx.timerService().registerEventTimeTimer(timestamp + lookbackMs + 1);
        }
        FirstContacts.expire(last, timestamp, lookbackMs);
        lastContact.clear();
        if (!last.isEmpty()) {
            lastContact.putAll(last); // putAll of nothing would still leave an empty map behind
        }
    }
}
