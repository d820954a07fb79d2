package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Complaints meeting their order's shipment inside one customer, in either order, with the defaults' waits. */
class ComplaintAttributionTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final long RETENTION = Duration.ofDays(30).toMillis();
    private static final long SHARE_WAIT = Duration.ofHours(1).toMillis();
    private static final long METRICS_WAIT = Duration.ofMinutes(5).toMillis();

    private final ComplaintAttribution attribution = new ComplaintAttribution();
    private final RecordingEmitter out = new RecordingEmitter();

    @Test
    void aComplaintAfterItsShipmentNamesTheSupplierAndCarrierAndTheOrderIsForgottenAfterThirtyDays() {
        attribution.onShipped(shipped("o1", "S3", DAY), at(DAY), RETENTION, out);
        Instant opened = DAY.plus(Duration.ofDays(3));
        attribution.onOpened(opened("k1", "o1", opened), SHARE_WAIT, METRICS_WAIT, RETENTION, at(opened), out);

        assertThat(out.arrived).singleElement().satisfies(a -> {
            assertThat(a.supplierId).isEqualTo("S3");
            assertThat(a.carrier).isEqualTo("DHL");
            assertThat(a.category).isEqualTo("SHIPPING");
            assertThat(a.channel).isEqualTo("VOICE");
            assertThat(a.complaintId).isEqualTo("k1");
            assertThat(a.ownerTeam).isEqualTo("returns-desk");
        });
        assertThat(complaintCounts()).containsExactly("COMPLAINT:S3:SHIPPING");
        assertThat(attribution.nextWakeup()).as("nothing waits").isEqualTo(Long.MAX_VALUE);
        assertThat(attribution.lastForget(RETENTION)).isEqualTo(at(DAY) + RETENTION);
        attribution.onTime(at(DAY) + RETENTION - 1, RETENTION, out);
        assertThat(attribution.isEmpty()).isFalse();
        attribution.onTime(at(DAY) + RETENTION, RETENTION, out);
        assertThat(attribution.isEmpty()).isTrue();
    }

    @Test
    void aComplaintBeforeItsShipmentWaitsForItAndIsCountedOnce() {
        attribution.onOpened(opened("k1", "o1", DAY), SHARE_WAIT, METRICS_WAIT, RETENTION, at(DAY), out);
        attribution.onTime(at(DAY) + Duration.ofMinutes(30).toMillis(), RETENTION, out);
        assertThat(complaintCounts()).as("still waiting for its shipment").isEmpty();
        assertThat(out.arrived).singleElement().satisfies(a -> assertThat(a.isAttributed()).isFalse());

        attribution.onShipped(shipped("o1", "S1", DAY.minus(Duration.ofDays(1))),
                at(DAY) + Duration.ofMinutes(30).toMillis(), RETENTION, out);

        assertThat(complaintCounts()).containsExactly("COMPLAINT:S1:SHIPPING");
        assertThat(out.contributions).filteredOn(c -> c.key().equals("SUPPLIER|S1"))
                .as("the shipment counts; the complaint not, past the metrics' shorter wait")
                .extracting(c -> c.counts.complaints).containsOnly(0L);
        attribution.onTime(at(DAY) + Duration.ofDays(31).toMillis(), RETENTION, out);
        assertThat(complaintCounts()).as("not counted twice").hasSize(1);
        assertThat(out.arrived).as("the arrival is not told twice").hasSize(1);
        assertThat(attribution.isEmpty()).isTrue();
    }

    @Test
    void aComplaintWhoseShipmentNeverComesIsCountedUnattributedWhenItsWaitEnds() {
        attribution.onOpened(opened("k1", "o9", DAY), SHARE_WAIT, METRICS_WAIT, RETENTION, at(DAY), out);
        assertThat(attribution.nextWakeup()).isEqualTo(at(DAY) + SHARE_WAIT);
        attribution.onTime(at(DAY) + Duration.ofMinutes(59).toMillis(), RETENTION, out);
        assertThat(complaintCounts()).isEmpty();

        attribution.onTime(at(DAY) + SHARE_WAIT, RETENTION, out);

        assertThat(complaintCounts()).containsExactly("UNATTRIBUTED:null:SHIPPING");
        assertThat(out.arrived).singleElement().satisfies(a -> assertThat(a.orderId).isEqualTo("o9"));
        assertThat(attribution.isEmpty()).isTrue();
    }

    @Test
    void aComplaintAfterTheShipmentsRetentionIsUnattributedEvenBeforeCleanUpRemovesTheOrder() {
        attribution.onShipped(shipped("o1", "S3", DAY), at(DAY), RETENTION, out);
        Instant opened = DAY.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(1));
        attribution.onOpened(opened("k1", "o1", opened), SHARE_WAIT, METRICS_WAIT, RETENTION, at(opened), out);
        attribution.onTime(at(opened) + SHARE_WAIT, RETENTION, out);

        assertThat(out.arrived).singleElement().satisfies(a -> {
            assertThat(a.complaintId).isEqualTo("k1");
            assertThat(a.isAttributed()).isFalse();
        });
        assertThat(complaintCounts()).containsExactly("UNATTRIBUTED:null:SHIPPING");
        assertThat(attribution.isEmpty()).isTrue();
    }

    @Test
    void onTheLastInstantOfItsRetentionTheOrderStillNamesItsSupplier() {
        attribution.onShipped(shipped("o1", "S3", DAY), at(DAY), RETENTION, out);
        attribution.onOpened(opened("k1", "o1", DAY.plusMillis(RETENTION)), SHARE_WAIT, METRICS_WAIT, RETENTION,
                at(DAY) + RETENTION, out);
        attribution.onOpened(opened("k2", "o1", DAY.plusMillis(RETENTION)), SHARE_WAIT, METRICS_WAIT, RETENTION,
                at(DAY) + RETENTION + 1, out);

        assertThat(out.arrived).extracting(a -> a.complaintId + ":" + a.supplierId)
                .as("k2 came late, with the watermark at the retention's end: the order is gone for it")
                .containsExactly("k1:S3", "k2:null");
    }

    @Test
    void aSecondShipmentOfAnOrderPastItsRetentionReplacesTheFirst() {
        attribution.onShipped(shipped("o1", "S3", DAY), at(DAY), RETENTION, out);
        attribution.onShipped(shipped("o1", "S5", DAY.plusMillis(RETENTION - 1)), at(DAY) + RETENTION - 1, RETENTION,
                out);
        attribution.onOpened(opened("k0", "o1", DAY.plusMillis(RETENTION - 1)), SHARE_WAIT, METRICS_WAIT, RETENTION,
                at(DAY) + RETENTION - 1, out);
        Instant later = DAY.plusMillis(RETENTION + 60_000);
        attribution.onOpened(opened("k1", "o1", later), SHARE_WAIT, METRICS_WAIT, RETENTION, at(later), out);
        attribution.onShipped(shipped("o1", "S6", later), at(later), RETENTION, out);
        attribution.onOpened(opened("k2", "o1", later), SHARE_WAIT, METRICS_WAIT, RETENTION, at(later), out);

        assertThat(out.arrived).extracting(a -> a.complaintId + ":" + a.supplierId)
                .as("within the retention the first supplier stands; past it, a new shipment counts")
                .containsExactly("k0:S3", "k1:null", "k2:S6");
    }

    @Test
    void aShipmentWithinTheMetricsWaitAlsoNamesTheSupplierInTheMetrics() {
        attribution.onOpened(opened("k1", "o1", DAY), SHARE_WAIT, METRICS_WAIT, RETENTION, at(DAY), out);
        attribution.onShipped(shipped("o1", "S2", DAY.minusSeconds(60)), at(DAY) + METRICS_WAIT - 1, RETENTION, out);

        assertThat(complaintCounts()).containsExactly("COMPLAINT:S2:SHIPPING");
        assertThat(out.contributions).filteredOn(c -> c.key().equals("SUPPLIER|S2"))
                .extracting(c -> c.counts.complaints).contains(1L);
    }

    private List<String> complaintCounts() {
        return out.shareCounts.stream().filter(c -> c.what != ShareCount.SHIPMENT)
                .map(c -> (c.what == ShareCount.COMPLAINT ? "COMPLAINT" : "UNATTRIBUTED") + ":" + c.supplierId + ":"
                        + c.category)
                .toList();
    }

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }

    private static ShipmentEvent shipped(String order, String supplier, Instant at) {
        return ShipmentEvent.newBuilder()
                .setEventId("ship-" + order).setOrderId(order).setType(ShipmentEventType.SHIPPED).setEventTime(at)
                .setCustomerId("C1").setSupplierId(supplier).setCarrier("DHL").build();
    }

    private static ComplaintEvent opened(String id, String order, Instant at) {
        return ComplaintEvent.newBuilder()
                .setEventId("ev-" + id).setComplaintId(id).setType(ComplaintEventType.OPENED).setEventTime(at)
                .setCustomerId("C1").setCategory(ComplaintCategory.SHIPPING).setOrderId(order)
                .setChannel(Channel.VOICE).setOwnerTeam("returns-desk").build();
    }
}
