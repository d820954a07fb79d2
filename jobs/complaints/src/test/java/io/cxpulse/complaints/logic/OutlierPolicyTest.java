package io.cxpulse.complaints.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.stats.Ratio;
import io.cxpulse.schema.AlertStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierPolicyTest {

    private static final long HOUR = 3_600_000L;

    private final OutlierPolicy policy = new OutlierPolicy(0.01, 2.0, 3);

    @Test
    void oneEpisodeFromTheFirstFlaggedWindowToThreeUnflaggedOnes() {
        List<SupplierScan.Result> windows = List.of(
                medium(), medium(), high(), medium(), quiet(), quiet(), medium(), quiet(), quiet(), quiet(), quiet());
        List<String> emitted = new ArrayList<>();
        OutlierEpisode episode = null;
        long start = -1;
        for (int i = 0; i < windows.size(); i++) {
            OutlierPolicy.Step step = policy.next(episode, windows.get(i), (i + 1) * HOUR);
            if (step.status() != null) {
                emitted.add(i + ":" + step.status());
            }
            if (step.status() == AlertStatus.OPEN) {
                start = step.episode().startMs;
            }
            if (step.episode() != null) {
                assertThat(step.episode().startMs).as("the episode keeps its start").isEqualTo(start);
            }
            episode = step.episode();
        }
        // Flagged again after two quiet windows: still the same episode, the count starts over.
        assertThat(emitted).containsExactly("0:OPEN", "2:UPDATE", "9:RESOLVED");
        assertThat(start).isEqualTo(HOUR);
        assertThat(episode).as("state cleared on RESOLVED").isNull();
    }

    @Test
    void anUnflaggedSupplierStaysQuietAndKeepsNoState() {
        OutlierPolicy.Step step = policy.next(null, quiet(), HOUR);
        assertThat(step.status()).isNull();
        assertThat(step.episode()).isNull();
    }

    private static SupplierScan.Result medium() {
        return result(true, 3.0, 0.001);
    }

    private static SupplierScan.Result high() {
        return result(true, 9.0, 1e-30);
    }

    private static SupplierScan.Result quiet() {
        return result(false, 1.1, 0.5);
    }

    private static SupplierScan.Result result(boolean flagged, double lift, double q) {
        return new SupplierScan.Result("A", 300, 54, 0.03, 0.03 * lift, lift, q, q, flagged, Ratio.UNDEFINED);
    }
}
