package io.cxpulse.complaints.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.schema.AlertStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurgeRuleTest {

    private static final long BUCKET = 300_000L;

    private final SurgeRule rule = new SurgeRule(ComplaintsConfig.DEFAULTS);
    private final Random random = new Random(42);

    @Test
    void aDayOfSteadyPoissonComplaintsInThreeCategoriesRaisesNothing() {
        double[] means = {6, 2, 15};
        int tested = 0;
        for (double mean : means) {
            SurgeBaseline state = new SurgeBaseline();
            for (int b = 0; b < 288; b++) {
                SurgeRule.Step step = rule.next(state, poisson(mean), b * BUCKET, Map.of());
                assertThat(step.status()).as("bucket %d at mean %s", b, mean).isNull();
                tested++;
            }
            assertThat(state.mean).isBetween(mean * 0.6, mean * 1.4);
        }
        assertThat(tested).isEqualTo(864);
    }

    /**
     * The false-alarm rate, measured: 50 seeds × 3 categories (means 2, 6 and 15 a bucket) × a
     * day of 5-minute buckets of steady Poisson traffic, 41,400 buckets judged after warm-up.
     * With the baseline known, a bucket opens an episode with probability at most
     * {@code spike-max-p} = 1e-4, in practice about half that: counts are whole numbers, so the
     * first count whose tail is ≤ 1e-4 has a tail of 4.6e-5 (λ = 2, count 10, where the minimum
     * count binds too), 5.7e-5 (λ = 6, count 18) and 9.0e-5 (λ = 15, count 32). The baseline is an estimate from about 20 buckets,
     * which adds some. Expected: about 7e-5 a bucket (61 in 828,000 over 1,000 seeds), 3 false
     * episodes here. Bound: twice the nominal threshold, 2e-4 a bucket (8 episodes).
     */
    @Test
    void theFalseAlarmRateOnSteadyPoissonTrafficStaysNearTheNominalThreshold() {
        double[] means = {2, 6, 15};
        int warmup = ComplaintsConfig.DEFAULTS.spikeWarmupBuckets();
        long judged = 0;
        long episodes = 0;
        for (int seed = 0; seed < 50; seed++) {
            Random traffic = new Random(1000 + seed);
            for (double mean : means) {
                SurgeBaseline state = new SurgeBaseline();
                for (int b = 0; b < 288; b++) {
                    SurgeRule.Step step = rule.next(state, poisson(traffic, mean), b * BUCKET, Map.of());
                    if (b >= warmup) {
                        judged++;
                    }
                    if (step.status() == AlertStatus.OPEN) {
                        episodes++;
                    }
                }
            }
        }
        assertThat(judged).isEqualTo(50 * 3 * (288 - warmup));
        double rate = (double) episodes / judged;
        assertThat(rate).as("%d false episodes in %d buckets", episodes, judged)
                .isLessThanOrEqualTo(2 * ComplaintsConfig.DEFAULTS.spikeMaxP());
    }

    @Test
    void theWarmUpAveragesItsBucketsEquallySoAnUnusualFirstBucketDoesNotSetTheBaseline() {
        SurgeBaseline state = new SurgeBaseline();
        long[] counts = {24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Map<String, Long> first = Map.of("supplier=WH-A", 24L);
        for (int b = 0; b < counts.length; b++) {
            rule.next(state, counts[b], b * BUCKET, b == 0 ? first : Map.of());
        }
        // a plain EWMA at alpha 0.05 would still hold 24 x 0.95^11 = 13.7
        assertThat(state.mean).isCloseTo(2.0, within(1e-9));
        assertThat(state.usual.get("supplier=WH-A")).isCloseTo(2.0, within(1e-9));
        // the 13th bucket still weighs 1/13; from the 20th on the weight is spike-alpha (1/20)
        rule.next(state, 0, 12 * BUCKET, Map.of());
        assertThat(state.mean).isCloseTo(24.0 / 13, within(1e-9));
        for (int b = 13; b < 19; b++) {
            rule.next(state, 0, b * BUCKET, Map.of());
        }
        assertThat(state.mean).isCloseTo(24.0 / 19, within(1e-9));
        rule.next(state, 0, 19 * BUCKET, Map.of());
        rule.next(state, 0, 20 * BUCKET, Map.of());
        assertThat(state.mean).isCloseTo(24.0 / 20 * 0.95, within(1e-9));
    }

    @Test
    void aFivefoldBurstIsOneEpisodeDetectedWithinTwoBucketsThatResolvesAfterItEnds() {
        SurgeBaseline state = new SurgeBaseline();
        List<String> events = new ArrayList<>();
        double before = 0;
        double atResolution = 0;
        for (int b = 0; b < 160; b++) {
            boolean burst = b >= 100 && b < 106;
            if (b == 100) {
                before = state.mean;
            }
            SurgeRule.Step step = rule.next(state, poisson(burst ? 30 : 6), b * BUCKET, Map.of());
            if (step.status() != null) {
                events.add(b + ":" + step.status());
                assertThat(step.episodeStartMs()).isNotNull();
            }
            if (step.status() == AlertStatus.RESOLVED) {
                atResolution = step.baseline();
            }
        }
        assertThat(events.get(0)).isIn("100:OPEN", "101:OPEN");
        assertThat(events).filteredOn(e -> e.endsWith("OPEN")).hasSize(1);
        assertThat(events).filteredOn(e -> e.endsWith("RESOLVED")).hasSize(1);
        assertThat(events.get(events.size() - 1)).endsWith("RESOLVED");
        int resolvedAt = Integer.parseInt(events.get(events.size() - 1).split(":")[0]);
        assertThat(resolvedAt).as("three calm buckets after the burst").isBetween(108, 112);
        assertThat(events).allSatisfy(e -> assertThat(Integer.parseInt(e.split(":")[0])).isBetween(100, 112));
        // Six buckets with an excess of about 24 would lift a full-weight EWMA (alpha 0.05) by
        // 24 × (1 − 0.95⁶) ≈ 6.4 (to about twice λ); at a tenth of the weight the lift is about
        // 24 × (1 − 0.995⁶) ≈ 0.7. Read when the episode resolves, before calm buckets dilute it.
        assertThat(atResolution).as("the burst did not raise its own baseline").isLessThan(before + 1.5);
        assertThat(state.mean).isLessThan(1.5 * before);
        assertThat(state.hasOpenEpisode()).isFalse();
    }

    @Test
    void noAlertDuringWarmUpHoweverLargeTheCount() {
        SurgeBaseline state = new SurgeBaseline();
        for (int b = 0; b < ComplaintsConfig.DEFAULTS.spikeWarmupBuckets(); b++) {
            assertThat(rule.next(state, b == 5 ? 500 : 3, b * BUCKET, Map.of()).status()).isNull();
        }
    }

    @Test
    void aQuietKeyWithAFewComplaintsStaysQuiet() {
        SurgeBaseline state = new SurgeBaseline();
        for (int b = 0; b < 200; b++) {
            long count = b == 150 ? 3 : poisson(0.2);
            assertThat(rule.next(state, count, b * BUCKET, Map.of()).status()).as("bucket %d", b).isNull();
        }
    }

    @Test
    void theSupplierDrivingTheBurstIsNamedFirstWithMostOfTheExcess() {
        SurgeBaseline state = new SurgeBaseline();
        String[] suppliers = {"WH-A", "WH-B", "WH-C"};
        SurgeRule.Step open = null;
        Map<String, Long> spikeCounts = null;
        for (int b = 0; b < 60 && open == null; b++) {
            Map<String, Long> perValue = new HashMap<>();
            long total = 0;
            for (String s : suppliers) {
                long n = poisson(2) + (b >= 50 && s.equals("WH-C") ? 24 : 0);
                perValue.merge("supplier=" + s, n, Long::sum);
                perValue.merge("channel=VOICE", n, Long::sum);
                total += n;
            }
            // Read the drivers against what the baseline knew before this bucket.
            Map<String, Double> usualBefore = new HashMap<>(state.usual);
            SurgeRule.Step step = rule.next(state, total, b * BUCKET, perValue);
            if (step.status() == AlertStatus.OPEN) {
                open = step;
                spikeCounts = perValue;
                state.usual.clear();
                state.usual.putAll(usualBefore);
            }
        }
        assertThat(open).isNotNull();
        List<SurgeDrivers.Driver> drivers = SurgeDrivers.top("supplier=", spikeCounts, state.usual, 3);
        assertThat(drivers.get(0).value()).isEqualTo("supplier=WH-C");
        assertThat(drivers.get(0).shareOfExcess()).isGreaterThan(0.8);
        assertThat(drivers).extracting(SurgeDrivers.Driver::shareOfExcess)
                .allSatisfy(share -> assertThat(share).isBetween(0.0, 1.0));
        assertThat(SurgeDrivers.top("queue=", spikeCounts, state.usual, 3)).isEmpty();
    }

    @Test
    void driversShareTheExcessInProportion() {
        Map<String, Long> counts = Map.of("supplier=A", 30L, "supplier=B", 10L, "supplier=C", 10L);
        Map<String, Double> usual = Map.of("supplier=A", 1.0, "supplier=B", 2.0, "supplier=C", 2.0);
        // Expected of 50: A 10, B 20, C 20 → excess A 20, B and C none.
        assertThat(SurgeDrivers.top("supplier=", counts, usual, 3)).singleElement().satisfies(d -> {
            assertThat(d.value()).isEqualTo("supplier=A");
            assertThat(d.expected()).isEqualTo(10.0);
            assertThat(d.excess()).isEqualTo(20.0);
            assertThat(d.shareOfExcess()).isEqualTo(1.0);
        });
    }

    private long poisson(double mean) {
        return poisson(random, mean);
    }

    /** Knuth's Poisson sampler. */
    private static long poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
