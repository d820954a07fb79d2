package io.cxpulse.console.logic;

import io.cxpulse.schema.SubjectType;
import java.util.Map;
import java.util.Set;

/**
 * Team scoping, decided on the server for the page, the JSON API and the event stream alike
 * (the browser only ever receives what this allows).
 *
 * <ul>
 *   <li>An alert with a {@code team_id} goes to the supervisors of that team.
 *   <li>An alert without a team (a queue, supplier, category, order or complaint alert) goes to
 *       the operations role, and, when {@code queueAlertsToTeams} is on, a QUEUE alert also to
 *       every supervisor whose team serves that queue ({@code queueTeams}).
 *   <li>Admins see everything.
 * </ul>
 * A supervisor asking for an episode they may not see is told it does not exist (404), so ids
 * of other teams' alerts are not confirmed either.
 */
public final class Visibility {

    private final Map<String, Set<String>> queueTeams;
    private final boolean queueAlertsToTeams;

    public Visibility(Map<String, Set<String>> queueTeams, boolean queueAlertsToTeams) {
        this.queueTeams = Map.copyOf(queueTeams);
        this.queueAlertsToTeams = queueAlertsToTeams;
    }

    public boolean canSee(User user, Routing alert) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        if (alert.teamId() != null) {
            return user.has(Role.SUPERVISOR) && user.teams().contains(alert.teamId());
        }
        if (user.has(Role.OPERATIONS)) {
            return true;
        }
        return user.has(Role.SUPERVISOR) && queueAlertsToTeams && alert.subjectType() == SubjectType.QUEUE
                && servesQueue(user, alert.subjectId());
    }

    /** Whether {@code user} may see the TEAM metrics of {@code team}. */
    public boolean canSeeTeamMetrics(User user, String team) {
        return user.seesOperations() || user.teams().contains(team);
    }

    private boolean servesQueue(User user, String queue) {
        Set<String> teams = queueTeams.getOrDefault(queue, Set.of());
        for (String team : user.teams()) {
            if (teams.contains(team)) {
                return true;
            }
        }
        return false;
    }
}
