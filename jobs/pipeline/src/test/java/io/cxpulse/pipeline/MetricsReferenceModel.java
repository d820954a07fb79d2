package io.cxpulse.pipeline;

import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, plain implementation of the metric definitions of {@code jobs/metrics/README.md},
 * over whole lists of events: no streaming, no production class of the metrics job. What the
 * pipeline's final records must equal.
 *
 * <p>Keys are {@code DIMENSION|value|window start ms|window size ms}; values hold the raw sums as
 * a map from field name (as in {@code MetricSnapshot}) to count.
 */
final class MetricsReferenceModel {

    static final String[] COUNTS = {"contacts", "handled", "abandoned", "answered_within_sl", "wait_ms_sum",
        "handle_ms_sum", "transfers", "resolved_first_contact", "csat_responses", "csat_satisfied", "nps_responses",
        "nps_promoters", "nps_detractors", "complaints", "shipments"};

    private final long serviceLevelMs;
    private final long lookbackMs;
    private final long[] windowSizes;
    private final Map<String, Map<String, Long>> windows = new TreeMap<>();

    MetricsReferenceModel(long serviceLevelMs, long lookbackMs, long... windowSizes) {
        this.serviceLevelMs = serviceLevelMs;
        this.lookbackMs = lookbackMs;
        this.windowSizes = windowSizes;
    }

    /** One call or chat, from all its (de-duplicated) events. */
    private static final class Contact {
        String id;
        String channel;
        String customer;
        String queue;
        Long start;
        Long answered;
        Long ended;
        Long abandonedAt;
        int transfers;
        long agentAt = Long.MIN_VALUE;
        String agent;
        String team;
        Boolean resolved;
        String reason;

        Long completion() {
            return ended != null ? ended : abandonedAt;
        }

        boolean abandoned() {
            return abandonedAt != null && answered == null;
        }

        boolean handled() {
            return !abandoned() && answered != null && ended != null && ended >= answered;
        }

        void agent(String agentId, String teamId, long at) {
            if (agentId != null && at >= agentAt) {
                agent = agentId;
                team = teamId != null ? teamId : team;
                agentAt = at;
            }
        }
    }

    Map<String, Map<String, Long>> compute(List<CallEvent> calls, List<ChatEvent> chats, List<SurveyResponse> surveys,
            List<ShipmentEvent> shipments, List<ComplaintEvent> complaints) {
        Map<String, Contact> contacts = new HashMap<>();
        for (CallEvent e : unique(calls, CallEvent::getEventId)) {
            Contact c = contacts.computeIfAbsent("VOICE:" + e.getCallId(), k -> new Contact());
            c.id = e.getCallId();
            c.channel = "VOICE";
            c.customer = e.getCustomerId();
            c.queue = e.getQueue() != null ? e.getQueue() : c.queue;
            c.reason = e.getReason() != null ? e.getReason() : c.reason;
            long at = e.getEventTime().toEpochMilli();
            c.agent(e.getAgentId(), e.getTeamId(), at);
            step(c, e.getType().name(), at, e.getResolved());
        }
        for (ChatEvent e : unique(chats, ChatEvent::getEventId)) {
            Contact c = contacts.computeIfAbsent("CHAT:" + e.getChatId(), k -> new Contact());
            c.id = e.getChatId();
            c.channel = "CHAT";
            c.customer = e.getCustomerId();
            c.queue = e.getQueue() != null ? e.getQueue() : c.queue;
            c.reason = e.getReason() != null ? e.getReason() : c.reason;
            long at = e.getEventTime().toEpochMilli();
            c.agent(e.getAgentId(), e.getTeamId(), at);
            if (e.getType() != ChatEventType.MESSAGE) {
                step(c, e.getType().name(), at, e.getResolved());
            }
        }

        // First-contact resolution: each customer's completed contacts in completion order.
        List<Contact> completed = new ArrayList<>(contacts.values().stream().filter(c -> c.completion() != null).toList());
        completed.sort(Comparator.comparing(Contact::completion).thenComparing(c -> c.channel).thenComparing(c -> c.id));
        Map<String, Map<String, Long>> lastByCustomerReason = new HashMap<>();
        for (Contact c : completed) {
            boolean first = true;
            if (c.customer != null) {
                Map<String, Long> last = lastByCustomerReason.computeIfAbsent(c.customer, k -> new HashMap<>());
                String reason = c.reason == null ? "" : c.reason;
                Long previous = last.get(reason);
                first = previous == null || c.completion() - previous > lookbackMs;
                last.put(reason, c.completion());
            }
            Map<String, Long> counts = new HashMap<>();
            counts.put("contacts", 1L);
            counts.put("transfers", (long) c.transfers);
            if (c.abandoned()) {
                counts.put("abandoned", 1L);
            } else if (c.handled()) {
                long wait = c.start == null ? 0 : c.answered - c.start;
                counts.put("handled", 1L);
                counts.put("wait_ms_sum", wait);
                counts.put("handle_ms_sum", c.ended - c.answered);
                counts.put("answered_within_sl", wait <= serviceLevelMs ? 1L : 0L);
                counts.put("resolved_first_contact", first && Boolean.TRUE.equals(c.resolved) ? 1L : 0L);
            }
            long at = c.completion();
            add("ALL", "all", at, counts);
            add("CHANNEL", c.channel, at, counts);
            add("QUEUE", c.queue, at, counts);
            add("TEAM", c.team, at, counts);
            add("AGENT", c.agent, at, counts);
        }

        for (SurveyResponse s : unique(surveys, SurveyResponse::getEventId)) {
            Map<String, Long> counts = new HashMap<>();
            if (s.getCsat() != null) {
                counts.put("csat_responses", 1L);
                counts.put("csat_satisfied", s.getCsat() >= 4 ? 1L : 0L);
            }
            if (s.getNps() != null) {
                counts.put("nps_responses", 1L);
                counts.put("nps_promoters", s.getNps() >= 9 ? 1L : 0L);
                counts.put("nps_detractors", s.getNps() <= 6 ? 1L : 0L);
            }
            long at = s.getEventTime().toEpochMilli();
            add("ALL", "all", at, counts);
            add("CHANNEL", s.getChannel() == null ? null : s.getChannel().name(), at, counts);
            add("TEAM", s.getTeamId(), at, counts);
            add("AGENT", s.getAgentId(), at, counts);
            Contact rated = contacts.get("VOICE:" + s.getInteractionId());
            if (rated == null) {
                rated = contacts.get("CHAT:" + s.getInteractionId());
            }
            if (rated != null && rated.completion() != null) {
                add("QUEUE", rated.queue, at, counts);
            }
        }

        Map<String, String> supplierOfOrder = new HashMap<>();
        for (ShipmentEvent e : unique(shipments, ShipmentEvent::getEventId)) {
            if (e.getType() != ShipmentEventType.SHIPPED) {
                continue;
            }
            supplierOfOrder.putIfAbsent(e.getOrderId(), e.getSupplierId());
            long at = e.getEventTime().toEpochMilli();
            add("ALL", "all", at, Map.of("shipments", 1L));
            add("SUPPLIER", e.getSupplierId(), at, Map.of("shipments", 1L));
        }
        for (ComplaintEvent e : unique(complaints, ComplaintEvent::getEventId)) {
            if (e.getType() != ComplaintEventType.OPENED) {
                continue;
            }
            long at = e.getEventTime().toEpochMilli();
            Map<String, Long> one = Map.of("complaints", 1L);
            add("ALL", "all", at, one);
            add("CHANNEL", e.getChannel() == null ? null : e.getChannel().name(), at, one);
            add("CATEGORY", e.getCategory().name(), at, one);
            add("SUPPLIER", e.getOrderId() == null ? null : supplierOfOrder.get(e.getOrderId()), at, one);
        }
        return windows;
    }

    private static void step(Contact c, String type, long at, Boolean resolved) {
        switch (type) {
            case "QUEUED", "STARTED" -> c.start = c.start == null ? at : Math.min(c.start, at);
            case "ANSWERED" -> c.answered = c.answered == null ? at : Math.min(c.answered, at);
            case "TRANSFERRED" -> c.transfers++;
            case "ENDED" -> {
                if (c.ended == null || at >= c.ended) {
                    c.ended = at;
                    c.resolved = resolved != null ? resolved : c.resolved;
                }
            }
            case "ABANDONED" -> c.abandonedAt = c.abandonedAt == null ? at : Math.min(c.abandonedAt, at);
            default -> { }
        }
    }

    private void add(String dimension, String value, long at, Map<String, Long> counts) {
        if (value == null || value.isEmpty()) {
            return;
        }
        for (long size : windowSizes) {
            long start = Math.floorDiv(at, size) * size;
            Map<String, Long> window = windows.computeIfAbsent(
                    dimension + "|" + value + "|" + start + "|" + size, k -> new HashMap<>());
            for (String field : COUNTS) {
                window.merge(field, counts.getOrDefault(field, 0L), Long::sum);
            }
        }
    }

    /** The published ratios from a window's sums, by the README's formulas; null without a denominator. */
    static Map<String, Double> ratios(String dimension, Map<String, Long> c) {
        Map<String, Double> r = new HashMap<>();
        r.put("csat_pct", ratio(c.get("csat_satisfied") * 100.0, c.get("csat_responses")));
        r.put("nps", ratio((c.get("nps_promoters") - c.get("nps_detractors")) * 100.0, c.get("nps_responses")));
        r.put("aht_s", ratio(c.get("handle_ms_sum") / 1000.0, c.get("handled")));
        r.put("asa_s", ratio(c.get("wait_ms_sum") / 1000.0, c.get("handled")));
        r.put("service_level_pct", ratio(c.get("answered_within_sl") * 100.0, c.get("contacts")));
        r.put("abandon_rate", ratio(c.get("abandoned"), c.get("contacts")));
        r.put("fcr_rate", ratio(c.get("resolved_first_contact"), c.get("handled")));
        r.put("complaint_rate", switch (dimension) {
            case "SUPPLIER" -> ratio(c.get("complaints"), c.get("shipments"));
            case "ALL", "CHANNEL" -> ratio(c.get("complaints"), c.get("contacts"));
            default -> null;
        });
        return r;
    }

    /**
     * {@code csat_shrunk_pct} of every AGENT window, by the README's definition, worked here from
     * the beta-binomial model rather than taken from production code: within each window (start
     * and size), the agents with at least one CSAT answer are the units; p = pooled satisfied
     * share; the method of moments equates S = Σ n (x/n − p)² with its expectation
     * p(1−p)[(k−1) + ρ(N − Σn²/N − (k−1))] and solves for the intra-agent correlation ρ; the
     * prior is Beta(a, b) with a + b = 1/ρ − 1 and a = p(a + b); the shrunk CSAT is
     * 100 (x + a) / (n + a + b). Null for an agent without answers, and for every agent of a
     * window with fewer than two answering agents or only one answer each; every agent gets
     * 100 p when ρ ≤ 0 or p is 0 or 1 (no evidence of differences); ρ is capped just below 1
     * (a + b ≥ 1e-6) as {@code BetaBinomialPrior} documents.
     */
    Map<String, Double> shrunkCsat() {
        Map<String, List<Map.Entry<String, Map<String, Long>>>> agentsByWindow = new TreeMap<>();
        for (Map.Entry<String, Map<String, Long>> e : windows.entrySet()) {
            String[] key = e.getKey().split("\\|");
            if (key[0].equals("AGENT")) {
                agentsByWindow.computeIfAbsent(key[2] + "|" + key[3], w -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Double> out = new HashMap<>();
        agentsByWindow.values().forEach(agents -> {
            List<long[]> answered = agents.stream()
                    .map(a -> new long[] {a.getValue().get("csat_responses"), a.getValue().get("csat_satisfied")})
                    .filter(t -> t[0] > 0)
                    .toList();
            double k = answered.size();
            double bigN = answered.stream().mapToDouble(t -> t[0]).sum();
            double p = answered.stream().mapToDouble(t -> t[1]).sum() / bigN;
            double effective = bigN - answered.stream().mapToDouble(t -> (double) t[0] * t[0]).sum() / bigN - (k - 1);
            Double priorMean = null;
            double priorSize = 0; // a + b; infinite: complete pooling
            if (k >= 2 && effective > 0) {
                double spread = answered.stream().mapToDouble(t -> t[0] * Math.pow((double) t[1] / t[0] - p, 2)).sum();
                double rho = p * (1 - p) == 0 ? 0 : (spread / (p * (1 - p)) - (k - 1)) / effective;
                priorMean = p;
                priorSize = rho <= 0 ? Double.POSITIVE_INFINITY : Math.max(1 / Math.min(rho, 1) - 1, 1e-6);
            }
            for (Map.Entry<String, Map<String, Long>> a : agents) {
                long n = a.getValue().get("csat_responses");
                long x = a.getValue().get("csat_satisfied");
                out.put(a.getKey(), priorMean == null || n == 0 ? null
                        : Double.isInfinite(priorSize) ? 100 * priorMean
                        : 100 * (x + priorMean * priorSize) / (n + priorSize));
            }
        });
        return out;
    }

    private static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }

    private static <T> List<T> unique(List<T> events, java.util.function.Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        for (T e : events) {
            if (seen.add(id.apply(e))) {
                out.add(e);
            }
        }
        return out;
    }
}
