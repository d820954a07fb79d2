package io.cxpulse.console.logic;

import java.util.Set;
import java.util.regex.Pattern;

/** A signed-in console user: a name, roles and the teams they supervise. */
public record User(String name, Set<Role> roles, Set<String> teams) {

    /** User, team and agent names: letters, digits and {@code . _ @ -}, 1 to 64 characters. */
    public static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    public User {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        teams = teams == null ? Set.of() : Set.copyOf(teams);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("user " + name + " has no role (SUPERVISOR, OPERATIONS or ADMIN)");
        }
        if (roles.contains(Role.SUPERVISOR) && teams.isEmpty()) {
            throw new IllegalArgumentException("supervisor " + name + " has no team");
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this user may open the operations page (metrics, supplier shares, spikes). */
    public boolean seesOperations() {
        return has(Role.OPERATIONS) || has(Role.ADMIN);
    }
}
