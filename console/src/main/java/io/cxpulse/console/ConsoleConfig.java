package io.cxpulse.console;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cxpulse.common.config.Secrets;
import io.cxpulse.console.logic.Role;
import io.cxpulse.console.logic.User;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code console:} section of {@code cxpulse.yaml}; every key optional (console/README.md
 * documents each with its default).
 *
 * @param bind address to listen on; default {@code 127.0.0.1}, only this machine
 * @param port default 8080; 0 picks a free port
 * @param alertHistory episodes whose last activity is older leave the console; default 24h
 *     (read back from the alerts topic at start)
 * @param resolvedLinger a resolved or closed episode fades in the feed, then leaves it after
 *     this; default 15m (still listed with {@code status=RESOLVED} or {@code handling=CLOSED})
 * @param metricHistory metric windows kept, on event time; default 6h
 * @param chartBucket minute windows are added up into buckets of this for the charts; default 5m
 * @param auth {@code password} (users below, bcrypt hashes) or {@code proxy} (a trusted reverse
 *     proxy names the user in headers); default password
 * @param users the users (password mode) and, in proxy mode, their roles and teams
 * @param proxy the proxy's headers and addresses (proxy mode)
 * @param queueTeams which teams serve each queue, for routing queue alerts to supervisors
 * @param queueAlertsToTeams send QUEUE alerts to the supervisors of the teams serving the queue
 *     (besides operations); default false
 * @param sessionKey the key that signs session cookies and CSRF tokens, at least 32
 *     characters; from the environment ({@code ${CXPULSE_CONSOLE_SESSION_KEY}}). Without one a
 *     random key is made at start, and a restart signs everyone out. Never logged.
 * @param sessionTimeout how long a sign-in lasts; default 12h (a shift)
 * @param secureCookies mark the session cookie {@code Secure} (when served over HTTPS, e.g.
 *     behind a TLS proxy); default false
 */
public record ConsoleConfig(
        String bind,
        Integer port,
        Duration alertHistory,
        Duration resolvedLinger,
        Duration metricHistory,
        Duration chartBucket,
        AuthMode auth,
        List<UserEntry> users,
        ProxyAuth proxy,
        Map<String, Set<String>> queueTeams,
        Boolean queueAlertsToTeams,
        String sessionKey,
        Duration sessionTimeout,
        Boolean secureCookies) implements Serializable {

    public static final ConsoleConfig DEFAULTS =
            new ConsoleConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** How users are known. */
    public enum AuthMode {
        /** A sign-in form checked against the configured users' bcrypt hashes. */
        PASSWORD,
        /** A trusted reverse proxy authenticates and names the user in a header. */
        PROXY
    }

    /**
     * One user. In password mode {@code passwordHash} is a bcrypt hash ({@code $2a$}, {@code $2b$}
     * or {@code $2y$}, cost 10 or more; {@code cxpulse console --hash-password} makes one);
     * plain passwords are refused. In proxy mode the hash is not needed.
     */
    public record UserEntry(String name, String passwordHash, Set<Role> roles, Set<String> teams)
            implements Serializable {

        static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

        public UserEntry {
            User checked = new User(name, roles, teams);
            roles = checked.roles();
            teams = checked.teams();
        }

        @JsonIgnore
        public User user() {
            return new User(name, roles, teams);
        }

        /** Hash hidden: safe to log. */
        @Override
        public String toString() {
            return "UserEntry{name=" + name + ", roles=" + roles + ", teams=" + teams + "}";
        }
    }

    /**
     * Proxy mode: the headers a trusted reverse proxy sets, and the addresses it connects from
     * (requests from anywhere else are refused). Roles and teams come from {@code users} when the
     * user is listed there, else from the roles and teams headers, when set.
     */
    public record ProxyAuth(String userHeader, String rolesHeader, String teamsHeader, Set<String> trustedAddresses)
            implements Serializable {
        public ProxyAuth {
            userHeader = userHeader == null || userHeader.isBlank() ? "X-Forwarded-User" : userHeader;
            trustedAddresses = trustedAddresses == null || trustedAddresses.isEmpty()
                    ? Set.of("127.0.0.1", "0:0:0:0:0:0:0:1") : Set.copyOf(trustedAddresses);
        }

        static ProxyAuth defaults() {
            return new ProxyAuth(null, null, null, null);
        }
    }

    public ConsoleConfig {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == null ? 8080 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console.port must be 0 to 65535");
        }
        alertHistory = positive(alertHistory, Duration.ofHours(24), "alert-history");
        resolvedLinger = positive(resolvedLinger, Duration.ofMinutes(15), "resolved-linger");
        metricHistory = positive(metricHistory, Duration.ofHours(6), "metric-history");
        chartBucket = positive(chartBucket, Duration.ofMinutes(5), "chart-bucket");
        auth = auth == null ? AuthMode.PASSWORD : auth;
        users = users == null ? List.of() : List.copyOf(users);
        proxy = proxy == null ? ProxyAuth.defaults() : proxy;
        queueTeams = queueTeams == null ? Map.of() : Map.copyOf(new TreeMap<>(queueTeams));
        queueAlertsToTeams = queueAlertsToTeams != null && queueAlertsToTeams;
        sessionKey = sessionKey == null || sessionKey.isBlank() ? null : sessionKey;
        if (sessionKey != null && sessionKey.length() < 32) {
            throw new IllegalArgumentException("console.session-key must have at least 32 characters");
        }
        sessionTimeout = positive(sessionTimeout, Duration.ofHours(12), "session-timeout");
        secureCookies = secureCookies != null && secureCookies;
        Set<String> names = new HashSet<>();
        for (UserEntry u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("console.users: " + u.name() + " is listed twice");
            }
            if (auth == AuthMode.PASSWORD) {
                if (u.passwordHash() == null || !UserEntry.BCRYPT.matcher(u.passwordHash()).matches()) {
                    throw new IllegalArgumentException("console.users: " + u.name()
                            + " needs a password-hash, a bcrypt hash ($2a$/$2b$/$2y$); plain passwords are not"
                            + " accepted (cxpulse console --hash-password makes one)");
                }
                int cost = Integer.parseInt(u.passwordHash().substring(4, 6));
                if (cost < 10) {
                    throw new IllegalArgumentException("console.users: " + u.name()
                            + "'s bcrypt hash has cost " + cost + "; use 10 or more");
                }
            }
        }
    }

    public ConsoleConfig withBind(String newBind, Integer newPort) {
        return new ConsoleConfig(newBind, newPort, alertHistory, resolvedLinger, metricHistory, chartBucket, auth,
                users, proxy, queueTeams, queueAlertsToTeams, sessionKey, sessionTimeout, secureCookies);
    }

    public ConsoleConfig withUsers(List<UserEntry> newUsers, String newSessionKey) {
        return new ConsoleConfig(bind, port, alertHistory, resolvedLinger, metricHistory, chartBucket, auth,
                newUsers, proxy, queueTeams, queueAlertsToTeams, newSessionKey, sessionTimeout, secureCookies);
    }

    public ConsoleConfig withAuth(AuthMode newAuth, ProxyAuth newProxy) {
        return new ConsoleConfig(bind, port, alertHistory, resolvedLinger, metricHistory, chartBucket, newAuth,
                users, newProxy, queueTeams, queueAlertsToTeams, sessionKey, sessionTimeout, secureCookies);
    }

    public ConsoleConfig withRouting(Map<String, Set<String>> newQueueTeams, boolean newQueueAlertsToTeams) {
        return new ConsoleConfig(bind, port, alertHistory, resolvedLinger, metricHistory, chartBucket, auth,
                users, proxy, newQueueTeams, newQueueAlertsToTeams, sessionKey, sessionTimeout, secureCookies);
    }

    private static Duration positive(Duration value, Duration fallback, String key) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("console." + key + " must be positive");
        }
        return d;
    }

    /** Session key and password hashes masked: safe to log. */
    @Override
    public String toString() {
        return "ConsoleConfig{bind=" + bind + ", port=" + port + ", alertHistory=" + alertHistory
                + ", resolvedLinger=" + resolvedLinger + ", metricHistory=" + metricHistory + ", auth=" + auth
                + ", users=" + users + ", proxy=" + proxy + ", queueTeams=" + queueTeams
                + ", queueAlertsToTeams=" + queueAlertsToTeams + ", sessionKey="
                + (sessionKey == null ? "(random)" : Secrets.MASK) + ", sessionTimeout=" + sessionTimeout + "}";
    }
}
