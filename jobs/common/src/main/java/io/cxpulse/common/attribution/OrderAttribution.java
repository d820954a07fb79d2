package io.cxpulse.common.attribution;

import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Order → supplier attribution, keyed by {@code order_id}: joins each OPENED complaint about an
 * order with the SHIPPED event of that order, in either arrival order.
 *
 * <p>A complaint that arrives first waits (in event time) {@code shipmentWait} for its
 * shipment, then goes on unattributed: counted, never dropped. The SHIPPED event is kept for
 * {@code retention} after it happened for complaints to come, then cleared by a timer (event
 * time, so a replay is deterministic). Only SHIPPED is needed: later shipment events do not
 * change the supplier.
 *
 * <p>Every complaint also leaves on the side output {@link #ON_ARRIVAL} as soon as the watermark
 * reaches its event time (at once when it arrives behind the watermark): with its supplier when
 * the shipment is known by then, otherwise with none (its order's shipment is still pending).
 * Every shipment up to the complaint's own time has arrived by then, so the supplier named does
 * not depend on which input was read first: a replay names the same one. A detector that must
 * judge within minutes (complaint spikes) counts that stream, which is never later than the
 * complaints' own event time; the main output can be up to {@code shipmentWait} behind them.
 *
 * <p>State per order: the shipment (supplier, carrier, time), the complaints waiting for it,
 * and those not yet passed on to {@link #ON_ARRIVAL}. Death plan: arriving complaints leave
 * when the watermark reaches them; waiting complaints leave at their deadline or when the shipment arrives (a
 * timer only: a TTL that expired a waiting complaint would drop it unseen); the shipment leaves
 * at {@code shipped + retention} by an event-time timer, and, as a backstop should the watermark
 * stall, by a processing-time state TTL of {@code retention + }{@link #TTL_MARGIN} after it was
 * written.
 */
public final class OrderAttribution
        extends KeyedCoProcessFunction<String, ShipmentEvent, ComplaintEvent, AttributedComplaint> {

    private static final long serialVersionUID = 1L;

    static final String SHIPMENT_STATE = "shipment";
    static final String WAITING_STATE = "complaints-waiting";
    static final String ARRIVING_STATE = "complaints-arriving";
    /** The shipment's TTL is its retention plus this: the event-time timer normally clears it first. */
    public static final Duration TTL_MARGIN = Duration.ofDays(1);

    public static final TypeInformation<AttributedComplaint> OUTPUT_TYPE =
            TypeInformation.of(AttributedComplaint.class);

    /** Every complaint as it arrives: attributed when its shipment is already known, else without a supplier. */
    public static final OutputTag<AttributedComplaint> ON_ARRIVAL =
            new OutputTag<>("complaints-on-arrival", OUTPUT_TYPE);

    private final Duration retention;
    private final Duration shipmentWait;

    private transient ValueState<ShippedOrder> shipment;
    private transient ListState<ComplaintEvent> waiting;
    private transient ListState<ComplaintEvent> arriving;
    private transient Counter attributed;
    private transient Counter unattributed;

    public OrderAttribution(Duration retention, Duration shipmentWait) {
        this.retention = retention;
        this.shipmentWait = shipmentWait;
    }

    /**
     * The join as a pipeline step: SHIPPED events (pass only those: the others would cross the
     * network for nothing) and OPENED complaints, those without an order left out, keyed by order.
     */
    public static SingleOutputStreamOperator<AttributedComplaint> join(DataStream<ShipmentEvent> shipped,
            DataStream<ComplaintEvent> opened, Duration retention, Duration shipmentWait, String uidPrefix) {
        return shipped
                .keyBy(ShipmentEvent::getOrderId, Types.STRING)
                .connect(opened.filter(c -> c.getOrderId() != null)
                        .name("Complaints about an order")
                        .uid(uidPrefix + "complaints-with-order")
                        .keyBy(ComplaintEvent::getOrderId, Types.STRING))
                .process(new OrderAttribution(retention, shipmentWait), OUTPUT_TYPE)
                .name("Attribute complaints to suppliers")
                // was "order-attribution", whose state (the whole Avro event) this cannot restore
                .uid(uidPrefix + "order-join");
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<ShippedOrder> shipmentDescriptor =
                new ValueStateDescriptor<>(SHIPMENT_STATE, TypeInformation.of(ShippedOrder.class));
        shipmentDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention.plus(TTL_MARGIN))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        shipment = getRuntimeContext().getState(shipmentDescriptor);
        waiting = getRuntimeContext().getListState(
                new ListStateDescriptor<>(WAITING_STATE, new AvroTypeInfo<>(ComplaintEvent.class)));
        arriving = getRuntimeContext().getListState(
                new ListStateDescriptor<>(ARRIVING_STATE, new AvroTypeInfo<>(ComplaintEvent.class)));
        attributed = getRuntimeContext().getMetricGroup().counter("attributedComplaints");
        unattributed = getRuntimeContext().getMetricGroup().counter("unattributedComplaints");
    }

    @Override
    public void processElement1(ShipmentEvent event, Context ctx, Collector<AttributedComplaint> out)
            throws Exception {
        if (event.getType() != ShipmentEventType.SHIPPED || shipment.value() != null) {
            return;
        }
        ShippedOrder order = ShippedOrder.of(event);
        shipment.update(order);
        ctx.timerService().registerEventTimeTimer(event.getEventTime().toEpochMilli() + retention.toMillis());
        List<ComplaintEvent> pending = new ArrayList<>();
        waiting.get().forEach(pending::add);
        for (ComplaintEvent complaint : pending) {
            ctx.timerService().deleteEventTimeTimer(deadline(complaint));
            out.collect(attribute(complaint, order));
        }
        waiting.clear();
    }

    @Override
    public void processElement2(ComplaintEvent complaint, Context ctx, Collector<AttributedComplaint> out)
            throws Exception {
        ShippedOrder shipped = shipment.value();
        long at = complaint.getEventTime().toEpochMilli();
        if (at <= ctx.timerService().currentWatermark()) {
            ctx.output(ON_ARRIVAL, joined(complaint, shipped));
        } else {
            arriving.add(complaint);
            ctx.timerService().registerEventTimeTimer(at);
        }
        if (shipped != null) {
            out.collect(attribute(complaint, shipped));
            return;
        }
        waiting.add(complaint);
        ctx.timerService().registerEventTimeTimer(deadline(complaint));
    }

    @Override
    public void onTimer(long now, OnTimerContext ctx, Collector<AttributedComplaint> out) throws Exception {
        passOnArrivals(now, ctx);
        List<ComplaintEvent> still = new ArrayList<>();
        for (ComplaintEvent complaint : waiting.get()) {
            if (deadline(complaint) <= now) {
                out.collect(attribute(complaint, null));
            } else {
                still.add(complaint);
            }
        }
        waiting.update(still);
        ShippedOrder shipped = shipment.value();
        if (shipped != null && shipped.shippedAtMs + retention.toMillis() <= now) {
            shipment.clear();
        }
    }

    /** Complaints the watermark has reached go to {@link #ON_ARRIVAL}, with the shipment known now. */
    private void passOnArrivals(long now, OnTimerContext ctx) throws Exception {
        List<ComplaintEvent> notYet = new ArrayList<>();
        boolean passed = false;
        for (ComplaintEvent complaint : arriving.get()) {
            if (complaint.getEventTime().toEpochMilli() <= now) {
                ctx.output(ON_ARRIVAL, joined(complaint, shipment.value()));
                passed = true;
            } else {
                notYet.add(complaint);
            }
        }
        if (passed) {
            arriving.update(notYet);
        }
    }

    private long deadline(ComplaintEvent complaint) {
        return complaint.getEventTime().toEpochMilli() + shipmentWait.toMillis();
    }

    /** The complaint with its shipment's supplier and carrier; unattributed when {@code shipped} is null. */
    private AttributedComplaint attribute(ComplaintEvent complaint, ShippedOrder shipped) {
        if (shipped != null) {
            attributed.inc();
        } else {
            unattributed.inc();
        }
        return joined(complaint, shipped);
    }

    private static AttributedComplaint joined(ComplaintEvent complaint, ShippedOrder shipped) {
        AttributedComplaint a = unattributed(complaint);
        if (shipped != null) {
            a.supplierId = shipped.supplierId;
            a.carrier = shipped.carrier;
        }
        return a;
    }

    /** The complaint as it stands, with no supplier: also used for complaints without an order. */
    public static AttributedComplaint unattributed(ComplaintEvent complaint) {
        AttributedComplaint a = new AttributedComplaint();
        a.complaintId = complaint.getComplaintId();
        a.category = complaint.getCategory().name();
        a.channel = complaint.getChannel() == null ? null : complaint.getChannel().name();
        a.orderId = complaint.getOrderId();
        a.ownerTeam = complaint.getOwnerTeam();
        a.eventTimeMs = complaint.getEventTime().toEpochMilli();
        return a;
    }
}
