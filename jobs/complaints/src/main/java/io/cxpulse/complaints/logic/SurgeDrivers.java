package io.cxpulse.complaints.logic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Contribution analysis for a spike: which supplier, channel or team values carry the excess?
 * (The team is the complaint's {@code owner_team}, the closest thing to a queue that a
 * {@code ComplaintEvent} carries.)
 * For each value v with count x_v in the spike bucket, the expected count is its usual share of
 * the bucket, {@code x · usual_v / Σ usual} (the usual counts are learned from normal buckets);
 * the excess is {@code x_v − expected_v}. The drivers are the values with the largest positive
 * excess, each with its share of the total positive excess of its attribute.
 */
public final class SurgeDrivers {

    private SurgeDrivers() {}

    /** One value that explains part of the surge; {@code value} is {@code attribute=value}. */
    public record Driver(String value, long count, double expected, double excess, double shareOfExcess) {}

    /**
     * The top {@code n} drivers among the values of one attribute ({@code prefix}, e.g.
     * {@code "supplier="}), largest excess first; empty when nothing is in excess.
     */
    public static List<Driver> top(String prefix, Map<String, Long> counts, Map<String, Double> usual, int n) {
        long total = 0;
        double usualTotal = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                total += e.getValue();
            }
        }
        for (Map.Entry<String, Double> e : usual.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                usualTotal += e.getValue();
            }
        }
        List<Driver> excess = new ArrayList<>();
        double positive = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            double expected = usualTotal == 0 ? 0 : total * usual.getOrDefault(e.getKey(), 0.0) / usualTotal;
            double over = e.getValue() - expected;
            if (over > 0) {
                excess.add(new Driver(e.getKey(), e.getValue(), expected, over, 0));
                positive += over;
            }
        }
        double sum = positive;
        return excess.stream()
                .sorted(Comparator.comparingDouble(Driver::excess).reversed().thenComparing(Driver::value))
                .limit(n)
                .map(d -> new Driver(d.value(), d.count(), d.expected(), d.excess(), d.excess() / sum))
                .toList();
    }
}
