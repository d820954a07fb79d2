package io.cxpulse.common.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.Channel;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderAttributionTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    private KeyedTwoInputStreamOperatorTestHarness<String, ShipmentEvent, ComplaintEvent, AttributedComplaint> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new OrderAttribution(Duration.ofDays(30), Duration.ofHours(1))),
                ShipmentEvent::getOrderId, ComplaintEvent::getOrderId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aComplaintAfterItsShipmentNamesTheSupplierAndTheShipmentIsForgottenAfterThirtyDays() throws Exception {
        shipped("o1", "S3", DAY);
        complaint("k1", "o1", DAY.plus(Duration.ofDays(3)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.supplierId).isEqualTo("S3");
            assertThat(a.carrier).isEqualTo("DHL");
            assertThat(a.category).isEqualTo("SHIPPING");
            assertThat(a.channel).isEqualTo("VOICE");
            assertThat(a.complaintId).isEqualTo("k1");
        });
        watermark(DAY.plus(Duration.ofDays(30)));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aComplaintBeforeItsShipmentWaitsForIt() throws Exception {
        complaint("k1", "o1", DAY);
        watermark(DAY.plus(Duration.ofMinutes(30)));
        assertThat(harness.extractOutputValues()).isEmpty();

        shipped("o1", "S1", DAY.minus(Duration.ofDays(1)));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.supplierId).isEqualTo("S1"));
        watermark(DAY.plus(Duration.ofDays(31)));
        assertThat(harness.extractOutputValues()).as("not emitted twice").hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aComplaintWhoseShipmentNeverComesIsCountedUnattributedAfterTheWait() throws Exception {
        complaint("k1", "o9", DAY);
        watermark(DAY.plus(Duration.ofMinutes(59)));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(DAY.plus(Duration.ofHours(1)));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.isAttributed()).isFalse();
            assertThat(a.orderId).isEqualTo("o9");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void everyComplaintLeavesOnArrivalWithItsSupplierOrWithNoneWhileItsShipmentIsPending() throws Exception {
        shipped("o1", "S3", DAY);
        complaint("k1", "o1", DAY.plus(Duration.ofHours(2)));
        complaint("k2", "o2", DAY.plus(Duration.ofHours(3)));
        assertThat(arrivals()).as("not before the watermark reaches them").isEmpty();
        watermark(DAY.plus(Duration.ofHours(3)));

        assertThat(arrivals()).extracting(a -> a.complaintId + ":" + a.supplierId + ":" + a.ownerTeam)
                .containsExactly("k1:S3:returns-desk", "k2:null:returns-desk");
        assertThat(harness.extractOutputValues()).as("k2 is still waiting on the main output")
                .extracting(a -> a.complaintId).containsExactly("k1");

        shipped("o2", "S1", DAY.plus(Duration.ofMinutes(200)));
        assertThat(harness.extractOutputValues()).extracting(a -> a.complaintId + ":" + a.supplierId)
                .containsExactly("k1:S3", "k2:S1");
        assertThat(arrivals()).as("the arrival stream is not told twice").hasSize(2);
    }

    @Test
    void aShipmentReadAfterItsComplaintButShippedBeforeItIsNamedOnArrivalWhicheverInputCameFirst()
            throws Exception {
        complaint("k1", "o1", DAY.plus(Duration.ofDays(2)));
        shipped("o1", "S3", DAY);
        complaint("k2", "o2", DAY.plus(Duration.ofDays(2)));
        watermark(DAY.plus(Duration.ofDays(2)));

        assertThat(arrivals()).extracting(a -> a.complaintId + ":" + a.supplierId)
                .containsExactly("k1:S3", "k2:null");
        complaint("k3", "o1", DAY.plus(Duration.ofDays(1)));
        assertThat(arrivals()).as("behind the watermark: passed on at once")
                .extracting(a -> a.complaintId + ":" + a.supplierId).containsExactly("k1:S3", "k2:null", "k3:S3");
        watermark(DAY.plus(Duration.ofDays(31)));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aComplaintAfterTheShipmentsRetentionIsUnattributed() throws Exception {
        shipped("o1", "S3", DAY);
        watermark(DAY.plus(Duration.ofDays(30)));
        complaint("k1", "o1", DAY.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(1)));
        watermark(DAY.plus(Duration.ofDays(30)).plus(Duration.ofHours(2)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.complaintId).isEqualTo("k1");
            assertThat(a.isAttributed()).isFalse();
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theShipmentsTimeToLiveForgetsItWhenTheWatermarkStalls() throws Exception {
        // The TTL counts processing time from the shipment's write: 30 days and the 1-day margin.
        harness.setStateTtlProcessingTime(0);
        shipped("o1", "S3", DAY);
        harness.setStateTtlProcessingTime(Duration.ofDays(31).toMillis() - 1);
        complaint("k1", "o1", DAY.plus(Duration.ofDays(2)));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.supplierId).isEqualTo("S3"));

        harness.setStateTtlProcessingTime(Duration.ofDays(31).toMillis());
        complaint("k2", "o1", DAY.plus(Duration.ofDays(3)));
        watermark(DAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
        assertThat(harness.extractOutputValues()).extracting(a -> a.complaintId + ":" + a.supplierId)
                .as("the watermark never reached the 30-day timer; the TTL forgot the shipment")
                .containsExactly("k1:S3", "k2:null");
    }

    private java.util.List<AttributedComplaint> arrivals() {
        java.util.concurrent.ConcurrentLinkedQueue<StreamRecord<AttributedComplaint>> side =
                harness.getSideOutput(OrderAttribution.ON_ARRIVAL);
        return side == null ? java.util.List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }

    private void shipped(String order, String supplier, Instant at) throws Exception {
        ShipmentEvent e = ShipmentEvent.newBuilder()
                .setEventId("ship-" + order).setOrderId(order).setType(ShipmentEventType.SHIPPED).setEventTime(at)
                .setCustomerId("C-" + order).setSupplierId(supplier).setCarrier("DHL").build();
        harness.processElement1(new StreamRecord<>(e, at.toEpochMilli()));
    }

    private void complaint(String id, String order, Instant at) throws Exception {
        ComplaintEvent e = ComplaintEvent.newBuilder()
                .setEventId("ev-" + id).setComplaintId(id).setType(ComplaintEventType.OPENED).setEventTime(at)
                .setCustomerId("C-" + order).setCategory(ComplaintCategory.SHIPPING).setOrderId(order)
                .setChannel(Channel.VOICE).setOwnerTeam("returns-desk").build();
        harness.processElement2(new StreamRecord<>(e, at.toEpochMilli()));
    }

    private void watermark(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
    }
}
