package io.cxpulse.common.attribution;

import io.cxpulse.schema.ShipmentEvent;

/**
 * What the customer core keeps of an order's SHIPPED event for the complaints to come:
 * its supplier, carrier and time, not the whole event (a third of its bytes, and a month of
 * orders is kept). A Flink POJO.
 */
public final class ShippedOrder {

    public String supplierId;
    public String carrier;
    public long shippedAtMs;

    public ShippedOrder() {}

    public static ShippedOrder of(ShipmentEvent shipped) {
        ShippedOrder order = new ShippedOrder();
        order.supplierId = shipped.getSupplierId();
        order.carrier = shipped.getCarrier();
        order.shippedAtMs = shipped.getEventTime().toEpochMilli();
        return order;
    }
}
