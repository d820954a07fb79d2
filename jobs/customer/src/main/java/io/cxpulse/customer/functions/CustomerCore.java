package io.cxpulse.customer.functions;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.common.chat.ChatSignals;
import io.cxpulse.common.time.LateEvents;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.customer.CustomerCoreConfig;
import io.cxpulse.customer.CustomerInput;
import io.cxpulse.customer.logic.CoreEmitter;
import io.cxpulse.customer.logic.CustomerCoreLogic;
import io.cxpulse.customer.logic.CustomerState;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.Interaction;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The customer core, keyed by {@code customer_id}: every input event crosses this one keyed
 * exchange, and the customer's whole state (open interactions, surveys, contacts, episodes,
 * orders, recent event ids) lives here, in one {@link CustomerState}. The operator is thin: it
 * loads the state, hands the event or the time to {@link CustomerCoreLogic}, routes what the
 * parts emit (alerts on the main output, the rest on {@link CoreOutputs}), registers the next
 * event-time timer the parts ask for, and saves or clears the state.
 *
 * <p>Death plan: one event-time timer per customer at the earliest instant a part has
 * something due; each part drops what it no longer needs then, and a customer with nothing
 * left has no state. Metrics: {@code <input>.duplicates} (also accumulators, for a replay's
 * summary), late events as {@link LateEvents} ({@code interaction-assembler}: call and chat
 * events too late to be assembled; {@code customer-core}: surveys and complaints handled behind
 * the watermark).
 */
public final class CustomerCore extends KeyedProcessFunction<String, CustomerInput, Alert> {

    private static final long serialVersionUID = 1L;

    static final String STATE = "customer";
    private static final String[] INPUTS = {"calls", "chats", "surveys", "shipments", "complaints"};

    private final CustomerCoreConfig config;

    private transient ValueState<CustomerState> state;
    private transient CustomerCoreLogic logic;
    private transient Routes routes;
    private transient CustomerCoreLogic.Counters counters;

    public CustomerCore(CustomerCoreConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>(STATE, TypeInformation.of(CustomerState.class)));
        logic = new CustomerCoreLogic(config, ChatSignals.standard());
        routes = new Routes();
        Counter[] duplicates = new Counter[INPUTS.length];
        LongCounter[] duplicateTotals = new LongCounter[INPUTS.length];
        for (int i = 0; i < INPUTS.length; i++) {
            duplicates[i] = getRuntimeContext().getMetricGroup().addGroup("input", INPUTS[i]).counter("duplicates");
            duplicateTotals[i] = getRuntimeContext().getLongCounter(INPUTS[i] + ".duplicates");
        }
        // one operator, two parts that set events aside: the summary names each
        LateEvents late = LateEvents.register(getRuntimeContext(), "interaction-assembler", "customer-core");
        counters = new CustomerCoreLogic.Counters() {
            @Override
            public void duplicate(int input) {
                duplicates[input].inc();
                duplicateTotals[input].add(1);
            }

            @Override
            public void dropped(int input) {
                late.dropped(1);
            }

            @Override
            public void appliedLate(int input) {
                late.appliedLate();
            }
        };
    }

    @Override
    public void processElement(CustomerInput in, Context ctx, Collector<Alert> out) throws Exception {
        CustomerState customer = state.value();
        if (customer == null) {
            customer = new CustomerState();
        }
        logic.onEvent(customer, in, ctx.timerService().currentWatermark(), routes.to(ctx, out), counters);
        save(customer, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        CustomerState customer = state.value();
        if (customer == null) {
            return;
        }
        if (customer.wakeup > timestamp) {
            // Set before the customer's last wake-up, for an instant its plan no longer needs:
            // nothing is due before customer.wakeup, whose own timer is registered.
            return;
        }
        customer.wakeup = Long.MAX_VALUE; // this one has fired
        logic.onTime(customer, ctx.getCurrentKey(), timestamp, routes.to(ctx, out));
        save(customer, ctx);
    }

    private void save(CustomerState customer, Context ctx) throws Exception {
        if (customer.compact()) {
            state.clear();
            return;
        }
        long next = logic.nextWakeup(customer, CustomerCoreLogic.cleanupOffset(ctx.getCurrentKey()));
        if (next < customer.wakeup) {
            ctx.timerService().registerEventTimeTimer(next);
            customer.wakeup = next;
        }
        state.update(customer);
    }

    /** Routes the parts' output to this call's collector and side outputs. */
    private static final class Routes implements CoreEmitter {
        private Context ctx;
        private Collector<Alert> out;

        Routes to(Context context, Collector<Alert> collector) {
            this.ctx = context;
            this.out = collector;
            return this;
        }

        @Override
        public void alert(Alert alert) {
            out.collect(alert);
        }

        @Override
        public void interaction(Interaction interaction) {
            ctx.output(CoreOutputs.INTERACTIONS, interaction);
        }

        @Override
        public void contribution(Contribution contribution) {
            ctx.output(CoreOutputs.CONTRIBUTIONS, contribution);
        }

        @Override
        public void shareCount(ShareCount count) {
            ctx.output(CoreOutputs.SHARE_COUNTS, count);
        }

        @Override
        public void complaintArrived(AttributedComplaint complaint) {
            ctx.output(CoreOutputs.COMPLAINTS_ARRIVED, complaint);
        }

        @Override
        public void queueMove(QueueMove move) {
            ctx.output(CoreOutputs.QUEUE_MOVES, move);
        }
    }
}
