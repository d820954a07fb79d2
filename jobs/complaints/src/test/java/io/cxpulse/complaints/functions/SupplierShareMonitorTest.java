package io.cxpulse.complaints.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.SubjectType;
import io.cxpulse.schema.SupplierShare;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupplierShareMonitorTest {

    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    /** Shipments per hour: A ships 12 of 400 (3%). */
    private static final Map<String, Integer> SHIPPED = Map.of("A", 12, "B", 100, "C", 100, "D", 100, "E", 50, "F", 38);

    private KeyedOneInputStreamOperatorTestHarness<String, ShareCount, SupplierShare> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SupplierShareMonitor(ComplaintsConfig.DEFAULTS)),
                c -> c.category, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aSupplierDrawingAQuarterOfComplaintsOnThreePercentOfShipmentsIsOneEpisodeThatResolves() throws Exception {
        for (int hour = 0; hour < 48; hour++) {
            long at = T0 + hour * HOUR + 60_000;
            for (Map.Entry<String, Integer> s : SHIPPED.entrySet()) {
                for (int i = 0; i < s.getValue(); i++) {
                    add("SHIPPING", s.getKey(), ShareCount.SHIPMENT, at);
                }
            }
            // Six proportional complaints an hour (by shipment share, rounded), plus A's two in
            // the first day only.
            for (String supplier : List.of("B", "B", "C", "C", "D", "D")) {
                add("SHIPPING", supplier, ShareCount.COMPLAINT, at);
            }
            if (hour < 24) {
                add("SHIPPING", "A", ShareCount.COMPLAINT, at);
                add("SHIPPING", "A", ShareCount.COMPLAINT, at);
            }
            add("SHIPPING", null, ShareCount.UNATTRIBUTED, at);
            harness.processWatermark(new Watermark(T0 + (hour + 1) * HOUR));
        }
        harness.processWatermark(new Watermark(T0 + 10 * 24 * HOUR));

        List<SupplierShare> shares = harness.extractOutputValues();
        assertThat(shares).filteredOn(SupplierShare::getFlagged)
                .allSatisfy(s -> assertThat(s.getSupplierId()).isEqualTo("A"))
                .isNotEmpty();
        SupplierShare day1 = shares.stream()
                .filter(s -> s.getSupplierId().equals("A") && s.getWindowEnd().toEpochMilli() == T0 + 24 * HOUR)
                .findFirst().orElseThrow();
        assertThat(day1.getShipments()).isEqualTo(288);
        assertThat(day1.getComplaints()).isEqualTo(48);
        assertThat(day1.getShipmentShare()).isCloseTo(0.03, within(1e-12));
        assertThat(day1.getComplaintShare()).isCloseTo(0.25, within(1e-12));
        assertThat(day1.getQValue()).isLessThan(1e-20);

        List<Alert> alerts = harness.getSideOutput(SupplierShareMonitor.ALERTS).stream()
                .map(StreamRecord::getValue).collect(Collectors.toList());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.SUPPLIER_OUTLIER);
            assertThat(a.getSubjectType()).isEqualTo(SubjectType.SUPPLIER);
            assertThat(a.getSubjectId()).isEqualTo("A");
        });
        assertThat(alerts.stream().map(Alert::getAlertId).distinct()).hasSize(1);
        List<AlertStatus> statuses = alerts.stream().map(Alert::getStatus).collect(Collectors.toList());
        assertThat(statuses.get(0)).isEqualTo(AlertStatus.OPEN);
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(AlertStatus.RESOLVED);
        assertThat(statuses).filteredOn(s -> s == AlertStatus.OPEN).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == AlertStatus.RESOLVED).hasSize(1);
        Alert open = alerts.get(0);
        assertThat(open.getEvidence()).containsKeys("lift", "p_value", "q_value", "prr", "prr_low", "prr_high")
                .containsEntry("unattributed_complaints", (double) (open.getWindowEnd().toEpochMilli() - T0) / HOUR);
        assertThat(open.getSummary()).startsWith("Supplier A shipped 3.0% of orders but drew");
        // Resolved once the surge has left the 24-hour window and three windows were clean.
        assertThat(alerts.get(alerts.size() - 1).getWindowEnd().toEpochMilli()).isGreaterThan(T0 + 40 * HOUR);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void proportionalComplaintsRaiseNothing() throws Exception {
        for (int hour = 0; hour < 30; hour++) {
            long at = T0 + hour * HOUR;
            for (Map.Entry<String, Integer> s : SHIPPED.entrySet()) {
                for (int i = 0; i < s.getValue(); i++) {
                    add("SHIPPING", s.getKey(), ShareCount.SHIPMENT, at);
                }
            }
            // 8 an hour in proportion to shipments: B, C, D 25% each, E 12.5%, F 9.5% (~1), A 3% (0).
            for (String supplier : List.of("B", "B", "C", "C", "D", "D", "E", "F")) {
                add("SHIPPING", supplier, ShareCount.COMPLAINT, at);
            }
        }
        harness.processWatermark(new Watermark(T0 + 10 * 24 * HOUR));

        assertThat(harness.extractOutputValues()).isNotEmpty().noneMatch(SupplierShare::getFlagged);
        assertThat(harness.getSideOutput(SupplierShareMonitor.ALERTS)).isNullOrEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /**
     * The order join holds a complaint back until its shipment comes or {@code shipment-wait}
     * (1 h) has passed; it then leaves with a timestamp up to an hour after the complaint. The
     * window is judged only once its end plus that wait has passed, so both kinds are counted in
     * the window of the complaint's own time.
     */
    @Test
    void complaintsTheOrderJoinHeldBackAreCountedInTheWindowOfTheirOwnTime() throws Exception {
        long shipped = T0 + 10 * MINUTE;
        for (Map.Entry<String, Integer> s : SHIPPED.entrySet()) {
            for (int i = 0; i < s.getValue(); i++) {
                add("SHIPPING", s.getKey(), ShareCount.SHIPMENT, shipped);
            }
        }
        for (int i = 0; i < 8; i++) {
            add("SHIPPING", "A", ShareCount.COMPLAINT, T0 + 20 * MINUTE);
        }
        for (String supplier : List.of("B", "B", "C", "C")) {
            add("SHIPPING", supplier, ShareCount.COMPLAINT, T0 + 20 * MINUTE);
        }
        harness.processWatermark(new Watermark(T0 + HOUR + 15 * MINUTE));
        assertThat(harness.extractOutputValues()).as("the window ending at 01:00 waits until 02:00").isEmpty();

        // D's shipment was stamped at 01:20, after its complaint of 00:45: the join let the complaint
        // go then. Three complaints of 00:40 never saw a shipment: they left unattributed at 01:40.
        add("SHIPPING", "D", ShareCount.COMPLAINT, T0 + 45 * MINUTE);
        harness.processWatermark(new Watermark(T0 + HOUR + 40 * MINUTE));
        for (int i = 0; i < 3; i++) {
            add("SHIPPING", null, ShareCount.UNATTRIBUTED, T0 + 40 * MINUTE);
        }
        harness.processWatermark(new Watermark(T0 + 2 * HOUR));

        Map<String, Long> complaints = harness.extractOutputValues().stream()
                .filter(s -> s.getWindowEnd().toEpochMilli() == T0 + HOUR)
                .collect(Collectors.toMap(SupplierShare::getSupplierId, SupplierShare::getComplaints));
        assertThat(complaints).containsEntry("A", 8L).containsEntry("B", 2L).containsEntry("C", 2L)
                .containsEntry("D", 1L);
        List<Alert> alerts = harness.getSideOutput(SupplierShareMonitor.ALERTS).stream()
                .map(StreamRecord::getValue).collect(Collectors.toList());
        assertThat(alerts).singleElement().satisfies(open -> {
            assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(open.getSubjectId()).isEqualTo("A");
            assertThat(open.getWindowEnd().toEpochMilli()).isEqualTo(T0 + HOUR);
            assertThat(open.getEvidence()).containsEntry("unattributed_complaints", 3.0)
                    .containsEntry("complaints", 8.0);
        });
    }

    @Test
    void aLateShipmentCountsInTheWindowsStillToBeJudgedAndNeverReopensOneAlreadyJudged() throws Exception {
        add("SHIPPING", "A", ShareCount.SHIPMENT, T0 + 10 * MINUTE);
        harness.processWatermark(new Watermark(T0 + 2 * HOUR)); // 01:00's window judged (1 h wait)
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(s -> assertThat(s.getWindowEnd().toEpochMilli()).isEqualTo(T0 + HOUR));
        harness.getOutput().clear();

        add("SHIPPING", "A", ShareCount.SHIPMENT, T0 + 20 * MINUTE); // its first window was judged
        harness.processWatermark(new Watermark(T0 + 2 * HOUR + 1));
        assertThat(harness.extractOutputValues()).as("01:00's window is not judged again").isEmpty();

        harness.processWatermark(new Watermark(T0 + 3 * HOUR));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(s -> {
            assertThat(s.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 2 * HOUR);
            assertThat(s.getShipments()).as("both in the window still to be judged").isEqualTo(2);
        });
    }

    @Test
    void aCombinedCountCountsAsThatManyEvents() throws Exception {
        harness.processElement(new StreamRecord<>(new ShareCount("SHIPPING", "A", ShareCount.SHIPMENT,
                T0 + MINUTE, 250), T0 + MINUTE));
        harness.processElement(new StreamRecord<>(new ShareCount("SHIPPING", "A", ShareCount.COMPLAINT,
                T0 + MINUTE, 7), T0 + MINUTE));
        harness.processElement(new StreamRecord<>(new ShareCount("SHIPPING", null, ShareCount.UNATTRIBUTED,
                T0 + MINUTE, 3), T0 + MINUTE));
        harness.processWatermark(new Watermark(T0 + 2 * HOUR));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(s -> {
            assertThat(s.getShipments()).isEqualTo(250);
            assertThat(s.getComplaints()).isEqualTo(7);
        });
    }

    private void add(String category, String supplier, int what, long at) throws Exception {
        harness.processElement(new StreamRecord<>(new ShareCount(category, supplier, what, at), at));
    }

}
