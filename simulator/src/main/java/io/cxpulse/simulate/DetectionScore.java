package io.cxpulse.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.schema.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well the detectors found the simulated incidents: per incident kind, recall (incidents
 * with a matching alert), precision (matching alerts among that kind's alerts that no incident
 * explains) and time to detect, on the simulated clock.
 *
 * <p>An alert episode matches an incident when its kind and subject are what the incident
 * should raise (see {@link #expected}) and it opened between the incident's start and its end
 * plus the alert kind's grace (the detector's own latency: {@link #GRACE}). An incident is
 * detected when its primary alert (the first of {@link #expected}) matches; a secondary alert
 * (a late-order wave flagging its supplier, say) still counts as explained, not as a false
 * alarm. Alerts of kinds no incident raises (a customer's POOR_EXPERIENCE) are counted but not
 * scored: the script has no truth for them. {@link IncidentKind#STRUGGLING_AGENT} has no alert
 * of its own in the contract (it shows in the AGENT metrics and its customers' alerts), so it
 * is reported as not scored.
 */
public final class DetectionScore {

    /** An alert an incident should raise: its kind, and whether it names the incident's subject. */
    record Expectation(AlertKind kind, boolean primary, SubjectMatch subject) {}

    interface SubjectMatch {
        boolean matches(String alertSubject, String incidentSubject);
    }

    private static final SubjectMatch SAME = (alert, incident) -> alert.equals(incident);
    private static final SubjectMatch CATEGORY = (alert, incident) -> alert.equals(incident)
            || alert.startsWith(incident + "/");
    private static final SubjectMatch SHIPPING = (alert, incident) -> CATEGORY.matches(alert, "SHIPPING");

    /** How long after an incident ends an alert of each kind may still open and be its. */
    public static final Map<AlertKind, Duration> GRACE = Map.of(
            AlertKind.LONG_WAIT, Duration.ofMinutes(30),
            AlertKind.COMPLAINT_SPIKE, Duration.ofHours(1),
            AlertKind.SUPPLIER_OUTLIER, Duration.ofHours(24),
            AlertKind.ORDER_DELAY, Duration.ofHours(48));

    static List<Expectation> expected(IncidentKind kind) {
        return switch (kind) {
            case BAD_SUPPLIER -> List.of(new Expectation(AlertKind.SUPPLIER_OUTLIER, true, SAME),
                    new Expectation(AlertKind.COMPLAINT_SPIKE, false, SHIPPING));
            case COMPLAINT_SURGE -> List.of(new Expectation(AlertKind.COMPLAINT_SPIKE, true, CATEGORY));
            case QUEUE_OVERLOAD -> List.of(new Expectation(AlertKind.LONG_WAIT, true, SAME));
            case LATE_ORDERS -> List.of(new Expectation(AlertKind.COMPLAINT_SPIKE, true, SHIPPING),
                    new Expectation(AlertKind.SUPPLIER_OUTLIER, false, SAME),
                    new Expectation(AlertKind.ORDER_DELAY, false, (alert, incident) -> true));
            case STRUGGLING_AGENT -> List.of();
        };
    }

    /** The alert kinds the score judges: those some incident kind raises. */
    public static final Set<AlertKind> SCORED_ALERTS = EnumSet.of(AlertKind.LONG_WAIT, AlertKind.COMPLAINT_SPIKE,
            AlertKind.SUPPLIER_OUTLIER, AlertKind.ORDER_DELAY);

    /**
     * One incident kind's result.
     *
     * @param alerts episodes of its primary alert kind that match one of its incidents or none
     * @param matched ... of those, the ones matching one of its incidents
     * @param timesToDetect for each detected incident, from its start to its first primary alert
     */
    public record KindScore(IncidentKind kind, boolean scored, int incidents, int detected, int alerts, int matched,
            List<Duration> timesToDetect) {

        public double recall() {
            return incidents == 0 ? Double.NaN : detected / (double) incidents;
        }

        public double precision() {
            return alerts == 0 ? Double.NaN : matched / (double) alerts;
        }

        public Duration medianTimeToDetect() {
            if (timesToDetect.isEmpty()) {
                return null;
            }
            List<Duration> sorted = timesToDetect.stream().sorted().toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        public Duration maxTimeToDetect() {
            return timesToDetect.stream().max(Duration::compareTo).orElse(null);
        }
    }

    /**
     * @param unexplained scored alert episodes no incident explains (false alarms)
     * @param unscored episodes per alert kind the script has no truth for
     */
    public record Result(List<KindScore> kinds, int scoredAlerts, int explainedAlerts, List<AlertEpisode> unexplained,
            Map<AlertKind, Integer> unscored) {

        public int incidents() {
            return kinds.stream().filter(KindScore::scored).mapToInt(KindScore::incidents).sum();
        }

        public int detected() {
            return kinds.stream().filter(KindScore::scored).mapToInt(KindScore::detected).sum();
        }

        public double recall() {
            return incidents() == 0 ? Double.NaN : detected() / (double) incidents();
        }

        public double precision() {
            return scoredAlerts == 0 ? Double.NaN : explainedAlerts / (double) scoredAlerts;
        }
    }

    private DetectionScore() {}

    public static Result score(List<GroundTruth> truth, List<AlertEpisode> episodes) {
        Map<IncidentKind, int[]> counts = new EnumMap<>(IncidentKind.class); // incidents, detected, matched
        Map<IncidentKind, List<Duration>> ttd = new EnumMap<>(IncidentKind.class);
        for (IncidentKind kind : IncidentKind.values()) {
            counts.put(kind, new int[3]);
            ttd.put(kind, new ArrayList<>());
        }
        for (GroundTruth incident : truth) {
            counts.get(incident.kind())[0]++;
            Instant first = null;
            for (AlertEpisode e : episodes) {
                Expectation x = match(incident, e);
                if (x != null && x.primary() && (first == null || e.opened().isBefore(first))) {
                    first = e.opened();
                }
            }
            if (first != null) {
                counts.get(incident.kind())[1]++;
                ttd.get(incident.kind()).add(Duration.between(incident.start(), first));
            }
        }
        int scored = 0;
        int explained = 0;
        List<AlertEpisode> unexplained = new ArrayList<>();
        Map<AlertKind, Integer> unscored = new EnumMap<>(AlertKind.class);
        Map<IncidentKind, Integer> falseAlarms = new EnumMap<>(IncidentKind.class);
        for (AlertEpisode e : episodes) {
            if (!SCORED_ALERTS.contains(e.kind())) {
                unscored.merge(e.kind(), 1, Integer::sum);
                continue;
            }
            scored++;
            Set<IncidentKind> primaryFor = EnumSet.noneOf(IncidentKind.class);
            boolean any = false;
            for (GroundTruth incident : truth) {
                Expectation x = match(incident, e);
                if (x != null) {
                    any = true;
                    if (x.primary()) {
                        primaryFor.add(incident.kind());
                    }
                }
            }
            if (any) {
                explained++;
                primaryFor.forEach(k -> counts.get(k)[2]++);
            } else {
                unexplained.add(e);
                for (IncidentKind k : IncidentKind.values()) {
                    List<Expectation> xs = expected(k);
                    if (!xs.isEmpty() && xs.get(0).kind() == e.kind()) {
                        falseAlarms.merge(k, 1, Integer::sum);
                    }
                }
            }
        }
        List<KindScore> kinds = new ArrayList<>();
        for (IncidentKind kind : IncidentKind.values()) {
            int[] c = counts.get(kind);
            boolean isScored = !expected(kind).isEmpty();
            kinds.add(new KindScore(kind, isScored, c[0], isScored ? c[1] : 0,
                    c[2] + falseAlarms.getOrDefault(kind, 0), c[2], List.copyOf(ttd.get(kind))));
        }
        return new Result(kinds, scored, explained, unexplained, unscored);
    }

    private static Expectation match(GroundTruth incident, AlertEpisode e) {
        for (Expectation x : expected(incident.kind())) {
            if (x.kind() != e.kind() || !x.subject().matches(e.subject(), incident.subject())) {
                continue;
            }
            Instant latest = incident.end().plus(GRACE.getOrDefault(e.kind(), Duration.ZERO));
            if (!e.opened().isBefore(incident.start()) && !e.opened().isAfter(latest)) {
                return x;
            }
        }
        return null;
    }

    /** The result as a fixed-width table, one row per incident kind and a total. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-17s %9s %8s %7s %9s %7s %9s %9s%n",
                "incident kind", "incidents", "detected", "recall", "alerts", "precis.", "ttd p50", "ttd max"));
        for (KindScore k : r.kinds()) {
            if (!k.scored()) {
                b.append(String.format(Locale.ROOT, "%-17s %9d %8s %7s %9s %7s   not scored: no alert kind of its own%n",
                        k.kind(), k.incidents(), "-", "-", "-", "-"));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-17s %9d %8d %7s %9d %7s %9s %9s%n", k.kind(), k.incidents(),
                    k.detected(), ratio(k.recall()), k.alerts(), ratio(k.precision()),
                    minutes(k.medianTimeToDetect()), minutes(k.maxTimeToDetect())));
        }
        b.append(String.format(Locale.ROOT, "%-17s %9d %8d %7s %9d %7s%n", "all scored", r.incidents(), r.detected(),
                ratio(r.recall()), r.scoredAlerts(), ratio(r.precision())));
        if (!r.unscored().isEmpty()) {
            b.append("not scored (no ground truth for them): ").append(r.unscored()).append(System.lineSeparator());
        }
        for (AlertEpisode e : r.unexplained()) {
            b.append("false alarm: ").append(e.kind()).append(' ').append(e.subject()).append(" opened ")
                    .append(e.opened()).append(System.lineSeparator());
        }
        return b.toString();
    }

    public static ObjectNode json(Result r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("incidents", r.incidents());
        root.put("detected", r.detected());
        putRatio(root, "recall", r.recall());
        root.put("alerts", r.scoredAlerts());
        root.put("explained_alerts", r.explainedAlerts());
        putRatio(root, "precision", r.precision());
        ArrayNode kinds = root.putArray("kinds");
        for (KindScore k : r.kinds()) {
            ObjectNode n = kinds.addObject();
            n.put("kind", k.kind().name());
            n.put("scored", k.scored());
            n.put("incidents", k.incidents());
            n.put("detected", k.detected());
            putRatio(n, "recall", k.scored() ? k.recall() : Double.NaN);
            n.put("alerts", k.alerts());
            n.put("matched_alerts", k.matched());
            putRatio(n, "precision", k.scored() ? k.precision() : Double.NaN);
            Duration p50 = k.medianTimeToDetect();
            Duration max = k.maxTimeToDetect();
            if (p50 == null) {
                n.putNull("ttd_p50_s");
                n.putNull("ttd_max_s");
            } else {
                n.put("ttd_p50_s", p50.toSeconds());
                n.put("ttd_max_s", max.toSeconds());
            }
        }
        ObjectNode unscored = root.putObject("unscored_alerts");
        r.unscored().forEach((kind, n) -> unscored.put(kind.name(), n));
        ArrayNode falseAlarms = root.putArray("false_alarms");
        for (AlertEpisode e : r.unexplained()) {
            falseAlarms.addObject().put("kind", e.kind().name()).put("subject", e.subject())
                    .put("opened", e.opened().toString());
        }
        return root;
    }

    private static void putRatio(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String minutes(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f min", d.toSeconds() / 60.0);
    }
}
