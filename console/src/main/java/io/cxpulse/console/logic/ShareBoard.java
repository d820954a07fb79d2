package io.cxpulse.console.logic;

import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.SupplierShare;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest supplier shares: per category, the newest window's record of every supplier (the
 * complaints job judges sliding windows of a day; each slide writes every supplier of the
 * category). A supplier missing from the newest window of its category is not shown: its last
 * figures are old.
 */
public final class ShareBoard {

    private record Key(ComplaintCategory category, String supplier) {}

    private final Map<Key, SupplierShare> latest = new HashMap<>();
    private final Map<ComplaintCategory, Instant> newestEnd = new EnumMap<>(ComplaintCategory.class);

    /** Keeps {@code s} if it is at least as new as what is held for its supplier; returns whether it was kept. */
    public boolean apply(SupplierShare s) {
        Key key = new Key(s.getCategory(), SafeText.clean(s.getSupplierId(), AlertBook.MAX_ID));
        SupplierShare held = latest.get(key);
        if (held != null && held.getWindowEnd().isAfter(s.getWindowEnd())) {
            return false;
        }
        latest.put(key, s);
        newestEnd.merge(s.getCategory(), s.getWindowEnd(), (a, b) -> a.isAfter(b) ? a : b);
        Instant newest = newestEnd.get(s.getCategory());
        latest.entrySet().removeIf(e -> e.getKey().category() == s.getCategory()
                && e.getValue().getWindowEnd().isBefore(newest));
        return true;
    }

    public int size() {
        return latest.size();
    }

    /** Every category's newest window, categories in their declared order. */
    public List<SupplierShares> view() {
        Map<ComplaintCategory, List<SupplierShare>> byCategory = new EnumMap<>(ComplaintCategory.class);
        latest.forEach((k, s) -> byCategory.computeIfAbsent(k.category(), c -> new ArrayList<>()).add(s));
        List<SupplierShares> out = new ArrayList<>();
        byCategory.forEach((category, records) -> {
            Instant end = newestEnd.get(category);
            List<SupplierShares.Row> rows = records.stream()
                    .filter(s -> s.getWindowEnd().equals(end))
                    .sorted(Comparator.comparingDouble(SupplierShare::getComplaintShare).reversed()
                            .thenComparing(SupplierShare::getSupplierId))
                    .map(s -> new SupplierShares.Row(SafeText.clean(s.getSupplierId(), AlertBook.MAX_ID),
                            s.getShipments(), s.getComplaints(), s.getShipmentShare(), s.getComplaintShare(),
                            s.getLift(), s.getPValue(), s.getQValue(), s.getFlagged()))
                    .toList();
            if (!rows.isEmpty()) {
                out.add(new SupplierShares(category, records.stream().filter(s -> s.getWindowEnd().equals(end))
                        .findFirst().orElseThrow().getWindowStart(), end, rows));
            }
        });
        return out;
    }
}
