package io.cxpulse.customer.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.chat.ChatSignals;
import io.cxpulse.common.config.DedupConfig;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.customer.CustomerCoreConfig;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a customer wakes for clean-up: on its own hourly grid, or at the end of what it keeps for days. */
class CustomerCoreLogicTest {

    private static final CustomerCoreConfig CONFIG = CustomerCoreConfig.of(ExperienceConfig.DEFAULTS,
            MetricsConfig.DEFAULTS, ComplaintsConfig.DEFAULTS, DedupConfig.defaults());
    private static final Instant SHIPPED_AT = Instant.parse("2026-11-16T09:00:00Z");
    private static final long HORIZON = CONFIG.dedupHorizon().toMillis();
    private static final long OFFSET = CustomerCoreLogic.cleanupOffset("C1");

    private final CustomerCoreLogic logic = new CustomerCoreLogic(CONFIG, ChatSignals.standard());
    private final CustomerState state = new CustomerState();

    @Test
    void eventIdsGoOnTheCustomersHourlyGrid() {
        rememberIds(3);

        assertWakesOnTheGridAfter(SHIPPED_AT.toEpochMilli() + HORIZON);
    }

    @Test
    void whatIsKeptForDaysWaitsForItsEndRatherThanWakeTheCustomer() {
        rememberIds(3);
        state.eventIds().expire(Long.MAX_VALUE - 1);

        assertWakesOnTheGridAfter(SHIPPED_AT.toEpochMilli() + CONFIG.shipmentRetention().toMillis());
    }

    @Test
    void nothingKeptNothingDue() {
        assertThat(logic.nextWakeup(state, OFFSET)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theGridOfCustomersWhoseIdsDifferInADigitLiesFarApart() {
        assertThat(Math.abs(CustomerCoreLogic.cleanupOffset("C9005") - CustomerCoreLogic.cleanupOffset("C9006")))
                .isGreaterThan(Duration.ofMinutes(1).toMillis());
    }

    /** The customer's next wake-up is its first point on its grid at or after {@code deadline}. */
    private void assertWakesOnTheGridAfter(long deadline) {
        long wakeup = logic.nextWakeup(state, OFFSET);
        assertThat(wakeup).isEqualTo(CustomerCoreLogic.onCleanupGrid(deadline, OFFSET))
                .isBetween(deadline, deadline + CustomerCoreLogic.CLEANUP_GRID_MS);
        assertThat(Math.floorMod(wakeup - OFFSET, CustomerCoreLogic.CLEANUP_GRID_MS)).as("on C1's grid").isZero();
    }

    /** An order shipped, and {@code n} ids of its shipment's events, a second apart. */
    private void rememberIds(int n) {
        ShipmentEvent shipped = ShipmentEvent.newBuilder().setEventId("ship-o1").setOrderId("o1")
                .setType(ShipmentEventType.SHIPPED).setEventTime(SHIPPED_AT).setCustomerId("C1")
                .setSupplierId("S1").setCarrier("DHL").build();
        state.complaints().onShipped(shipped, SHIPPED_AT.toEpochMilli(), CONFIG.shipmentRetention().toMillis(),
                new RecordingEmitter());
        for (int i = 0; i < n; i++) {
            long at = SHIPPED_AT.toEpochMilli() + i * 1_000L;
            state.eventIds().firstTime(EventIdMemory.hash(3, "ship-" + i), at + HORIZON, SHIPPED_AT.toEpochMilli());
        }
    }
}
