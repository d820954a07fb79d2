package io.cxpulse.console.logic;

import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The feed's filters, the same in the page's URL, the JSON API and the event stream: team,
 * kind, severity, status, handling state (each repeatable or comma-separated, any of the values
 * matching) and a search text matched against the customer, the subject (an order, a supplier,
 * a queue...) and the reason codes (which name the order or supplier behind an alert).
 *
 * <p>Without a status or handling filter, the feed leaves out episodes that were resolved or
 * closed more than {@code linger} ago: they fade in the page and then leave. Asking for
 * {@code status=RESOLVED} or {@code handling=CLOSED} shows them all.
 */
public record AlertFilter(Set<String> teams, Set<AlertKind> kinds, Set<Severity> severities,
        Set<AlertStatus> statuses, Set<Handling.State> handling, String search, int limit) {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 2000;
    static final int MAX_SEARCH = 100;

    public static final AlertFilter ALL =
            new AlertFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null, DEFAULT_LIMIT);

    public AlertFilter {
        teams = Set.copyOf(teams);
        kinds = Set.copyOf(kinds);
        severities = Set.copyOf(severities);
        statuses = Set.copyOf(statuses);
        handling = Set.copyOf(handling);
        search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the filters from query parameters.
     *
     * @throws IllegalArgumentException for an unknown value, a bad limit or an over-long search:
     *     the API answers 400
     */
    public static AlertFilter parse(Map<String, List<String>> query) {
        Set<String> teams = new LinkedHashSet<>();
        for (String team : values(query, "team")) {
            if (!User.NAME.matcher(team).matches()) {
                throw new IllegalArgumentException("team: not a team name");
            }
            teams.add(team);
        }
        String search = String.join(" ", query.getOrDefault("q", List.of())).strip();
        if (search.length() > MAX_SEARCH || !SafeText.isClean(search, MAX_SEARCH)) {
            throw new IllegalArgumentException("q: at most " + MAX_SEARCH + " printable characters");
        }
        int limit = DEFAULT_LIMIT;
        List<String> limits = values(query, "limit");
        if (!limits.isEmpty()) {
            try {
                limit = Integer.parseInt(limits.get(0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit: not a number");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit: 1 to " + MAX_LIMIT);
            }
        }
        return new AlertFilter(teams, enums(query, "kind", AlertKind.class), enums(query, "severity", Severity.class),
                enums(query, "status", AlertStatus.class), enums(query, "handling", Handling.State.class), search,
                limit);
    }

    /** Whether the episode passes the filters at {@code now}. */
    public boolean matches(Episode e, Instant now, Duration linger) {
        if (!teams.isEmpty() && (e.teamId() == null || !teams.contains(e.teamId()))) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(e.kind())) {
            return false;
        }
        if (!severities.isEmpty() && !severities.contains(e.severity())) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(e.status())) {
            return false;
        }
        if (!handling.isEmpty() && !handling.contains(e.handling().state())) {
            return false;
        }
        if (statuses.isEmpty() && handling.isEmpty()) {
            Instant done = e.doneAt().orElse(null);
            if (done != null && done.plus(linger).isBefore(now)) {
                return false;
            }
        }
        return search == null || found(e);
    }

    private boolean found(Episode e) {
        if (contains(e.customerId()) || contains(e.subjectId()) || contains(e.alertId())) {
            return true;
        }
        for (String reason : e.latest().reasons()) {
            if (contains(reason)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(search);
    }

    private static List<String> values(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static <E extends Enum<E>> Set<E> enums(Map<String, List<String>> query, String name, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        for (String v : values(query, name)) {
            try {
                out.add(Enum.valueOf(type, v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": unknown value (one of "
                        + java.util.Arrays.toString(type.getEnumConstants()) + ")");
            }
        }
        return out;
    }
}
