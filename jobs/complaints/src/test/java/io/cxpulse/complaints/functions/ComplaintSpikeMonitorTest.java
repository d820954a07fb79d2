package io.cxpulse.complaints.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.SurgeCount;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplaintSpikeMonitorTest {

    private static final long BUCKET = 300_000L;
    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final String[] SUPPLIERS = {"WH-A", "WH-B", "WH-C"};

    private KeyedOneInputStreamOperatorTestHarness<String, SurgeCount, Alert> harness;
    private int sequence;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComplaintSpikeMonitor(ComplaintsConfig.DEFAULTS)),
                c -> c.key, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aBurstDrivenByOneSupplierIsOneEpisodeNamingItThatResolvesAndLeavesNoBucketsBehind() throws Exception {
        for (int b = 0; b < 140; b++) {
            // Six an hour per supplier pair... two per supplier per bucket, and a burst of 24 more
            // from WH-C in buckets 100 to 103. Buckets 60 to 69 are empty (a quiet night).
            if (b < 60 || b >= 70) {
                for (String supplier : SUPPLIERS) {
                    complaint(supplier, b, 2);
                }
            }
            if (b >= 100 && b < 104) {
                complaint("WH-C", b, 24);
            }
            harness.processWatermark(new Watermark(T0 + (b + 1) * BUCKET));
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.COMPLAINT_SPIKE);
            assertThat(a.getSubjectType()).isEqualTo(SubjectType.CATEGORY);
            assertThat(a.getSubjectId()).isEqualTo("SHIPPING");
        });
        assertThat(alerts.stream().map(Alert::getAlertId).distinct()).hasSize(1);
        assertThat(alerts).extracting(Alert::getStatus).startsWith(AlertStatus.OPEN).endsWith(AlertStatus.RESOLVED)
                .containsOnlyOnce(AlertStatus.OPEN, AlertStatus.RESOLVED);
        Alert open = alerts.get(0);
        assertThat(open.getWindowStart().toEpochMilli()).isBetween(T0 + 100 * BUCKET, T0 + 101 * BUCKET);
        assertThat(open.getEvidence().get("excess_share.supplier=WH-C")).isGreaterThan(0.8);
        assertThat(open.getReasons().get(1)).isEqualTo("driver:supplier=WH-C");
        assertThat(open.getSummary()).contains("excess from WH-C");
        assertThat(alerts.get(alerts.size() - 1).getWindowStart().toEpochMilli())
                .as("three calm buckets after the burst").isEqualTo(T0 + 106 * BUCKET);

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("only the baseline and the next bucket remain").isEqualTo(2);
    }

    @Test
    void aCategoryWithSteadyComplaintsRaisesNothing() throws Exception {
        for (int b = 0; b < 288; b++) {
            complaint(SUPPLIERS[b % 3], b, 3 + b % 4);
            harness.processWatermark(new Watermark(T0 + (b + 1) * BUCKET));
        }
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /**
     * Complaints counted as they arrive at the order join: the burst's orders have no shipment
     * known yet (supplier pending) and the complaints are owned by one team, so the drill-down
     * names that team and the pending supplier, not a warehouse.
     */
    @Test
    void aBurstOwnedByOneTeamOnOrdersStillAwaitingTheirShipmentNamesTheTeamAndThePendingSupplier()
            throws Exception {
        String[] teams = {"front-line", "returns-desk", "billing-desk"};
        for (int b = 0; b < 40; b++) {
            for (int s = 0; s < SUPPLIERS.length; s++) {
                complaint(SUPPLIERS[s], "o" + b, teams[s], b, 2);
            }
            if (b >= 30 && b < 32) {
                complaint(null, "o-late" + b, "returns-desk", b, 24);
            }
            harness.processWatermark(new Watermark(T0 + (b + 1) * BUCKET));
        }

        Alert open = harness.extractOutputValues().get(0);
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getWindowStart().toEpochMilli()).isEqualTo(T0 + 30 * BUCKET);
        assertThat(open.getEvidence()).containsEntry("count", 30.0);
        assertThat(open.getReasons()).contains("driver:supplier=pending", "driver:team=returns-desk");
        assertThat(open.getEvidence().get("excess_share.team=returns-desk")).isGreaterThan(0.9);
        assertThat(open.getEvidence().get("excess_share.supplier=pending")).isGreaterThan(0.9);
        assertThat(open.getSummary()).contains("returns-desk");
    }

    private void complaint(String supplier, int bucket, int n) throws Exception {
        complaint(supplier, null, null, bucket, n);
    }

    private void complaint(String supplier, String order, String team, int bucket, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            AttributedComplaint a = new AttributedComplaint();
            a.complaintId = "k" + (++sequence);
            a.category = "SHIPPING";
            a.supplierId = supplier;
            a.orderId = order;
            a.ownerTeam = team;
            a.eventTimeMs = T0 + bucket * BUCKET + 1000 + i;
            SurgeCount c = SurgeCount.of(a).get(0);
            harness.processElement(new StreamRecord<>(c, c.eventTimeMs));
        }
    }
}
