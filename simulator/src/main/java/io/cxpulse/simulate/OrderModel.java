package io.cxpulse.simulate;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes an order's shipment: SHIPPED by a supplier drawn by its share, promised in 48 h,
 * DELIVERED 20–44 h later. 1.2% of orders draw a shipping complaint 10–70 min after shipping
 * (earlier than real life, so an accelerated demo shows it); a {@link IncidentKind#BAD_SUPPLIER}
 * multiplies that by its strength. Under {@link IncidentKind#LATE_ORDERS} the supplier's orders
 * are reported DELAYED within half an hour, delivered after their promise, and a share of their
 * customers contact the centre about it.
 */
final class OrderModel {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final World world;
    private final Incidents incidents;
    private final Schedule schedule;
    private final SplittableRandom random;
    private final ComplaintModel complaints;
    private long orders;

    OrderModel(World world, Incidents incidents, Schedule schedule, SplittableRandom random,
            ComplaintModel complaints) {
        this.world = world;
        this.incidents = incidents;
        this.schedule = schedule;
        this.random = random;
        this.complaints = complaints;
    }

    /** Ships one order at {@code at}; returns the customer's contact about its delay, or null. */
    ContactModel.Contact ship(long at, String customerId) {
        World.Supplier supplier = supplier();
        String orderId = String.format(Locale.ROOT, "O%08d", ++orders);
        long promised = at + 48 * HOUR;
        add(orderId, ShipmentEventType.SHIPPED, at, customerId, supplier, promised);
        double complaintRate = 0.012 * incidents.strength(IncidentKind.BAD_SUPPLIER, supplier.id(), at);
        if (random.nextDouble() < complaintRate) {
            complaints.openDirect(at + 10 * MINUTE + random.nextLong(60 * MINUTE), customerId,
                    ComplaintCategory.SHIPPING, orderId);
        }
        if (!incidents.active(IncidentKind.LATE_ORDERS, supplier.id(), at)) {
            add(orderId, ShipmentEventType.DELIVERED, at + 20 * HOUR + random.nextLong(24 * HOUR), customerId,
                    supplier, promised);
            return null;
        }
        long delayed = at + 5 * MINUTE + random.nextLong(25 * MINUTE);
        add(orderId, ShipmentEventType.DELAYED, delayed, customerId, supplier, promised);
        add(orderId, ShipmentEventType.DELIVERED, promised + 6 * HOUR + random.nextLong(24 * HOUR), customerId,
                supplier, promised);
        double reachOut = Math.min(0.95, incidents.strength(IncidentKind.LATE_ORDERS, supplier.id(), at) / 10);
        if (random.nextDouble() >= reachOut) {
            return null;
        }
        long contactAt = delayed + 2 * MINUTE + (long) (random.nextExponential() * 10 * MINUTE);
        if (random.nextDouble() < 0.3) {
            complaints.openDirect(contactAt, customerId, ComplaintCategory.SHIPPING, orderId);
            return null;
        }
        return new ContactModel.Contact(contactAt, customerId, world.queue("delivery"), "late_delivery", orderId, 1,
                true);
    }

    private World.Supplier supplier() {
        double u = random.nextDouble();
        double sum = 0;
        for (World.Supplier s : world.suppliers()) {
            sum += s.share();
            if (u < sum) {
                return s;
            }
        }
        return world.suppliers().get(world.suppliers().size() - 1);
    }

    private void add(String orderId, ShipmentEventType type, long at, String customerId, World.Supplier supplier,
            long promised) {
        ShipmentEvent e = ShipmentEvent.newBuilder()
                .setEventId(orderId + "-" + type.name().toLowerCase(Locale.ROOT))
                .setOrderId(orderId)
                .setType(type)
                .setEventTime(Instant.ofEpochMilli(at))
                .setCustomerId(customerId)
                .setSupplierId(supplier.id())
                .setCarrier(supplier.carrier())
                .setPromisedTime(Instant.ofEpochMilli(promised))
                .build();
        schedule.add(InputTopic.SHIPMENTS, e, at);
    }
}
