package io.cxpulse.console.auth;

import io.cxpulse.console.ConsoleConfig;
import io.cxpulse.console.ConsoleConfig.AuthMode;
import io.cxpulse.console.ConsoleConfig.UserEntry;
import io.cxpulse.console.logic.Role;
import io.cxpulse.console.logic.User;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking. In password mode: the signed session cookie, whose user must still be in the
 * configuration (roles and teams are read from it on every request, so a change applies at once
 * and a removed user is out). In proxy mode: the user header, believed only from the proxy's
 * configured addresses; roles and teams from the configuration when the user is listed there,
 * else from the proxy's roles and teams headers.
 */
public final class Authenticator {

    public static final String COOKIE = "cxpulse_session";

    /** What the authenticator reads of a request. */
    public interface Request {
        String cookie(String name);

        String header(String name);

        String remoteAddress();
    }

    /** A user and the nonce their CSRF token is derived from. */
    public record Principal(User user, String csrfNonce) {}

    private final ConsoleConfig config;
    private final SessionTokens tokens;
    private final Map<String, UserEntry> users = new LinkedHashMap<>();

    public Authenticator(ConsoleConfig config, SessionTokens tokens) {
        this.config = config;
        this.tokens = tokens;
        config.users().forEach(u -> users.put(u.name(), u));
    }

    public AuthMode mode() {
        return config.auth();
    }

    public SessionTokens tokens() {
        return tokens;
    }

    public Optional<Principal> authenticate(Request request, Instant now) {
        return config.auth() == AuthMode.PASSWORD ? fromCookie(request, now) : fromProxy(request);
    }

    /** Checks a sign-in; the user on success. Takes as long for an unknown user as for a wrong password. */
    public Optional<User> signIn(String name, char[] password) {
        UserEntry entry = name == null ? null : users.get(name);
        boolean ok = PasswordHashes.matches(password, entry == null ? null : entry.passwordHash());
        Arrays.fill(password, '\0');
        return ok && entry != null ? Optional.of(entry.user()) : Optional.empty();
    }

    private Optional<Principal> fromCookie(Request request, Instant now) {
        return tokens.verify(request.cookie(COOKIE), now).flatMap(session -> {
            UserEntry entry = users.get(session.user());
            return entry == null ? Optional.empty() : Optional.of(new Principal(entry.user(), session.nonce()));
        });
    }

    private Optional<Principal> fromProxy(Request request) {
        ConsoleConfig.ProxyAuth proxy = config.proxy();
        if (request.remoteAddress() == null || !proxy.trustedAddresses().contains(request.remoteAddress())) {
            return Optional.empty();
        }
        String name = request.header(proxy.userHeader());
        if (name == null || !User.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        UserEntry entry = users.get(name);
        try {
            User user = entry != null ? entry.user()
                    : new User(name, roles(header(request, proxy.rolesHeader())),
                            list(header(request, proxy.teamsHeader())));
            return Optional.of(new Principal(user, "proxy|" + name));
        } catch (IllegalArgumentException noRoleOrTeam) {
            return Optional.empty();
        }
    }

    private static String header(Request request, String name) {
        return name == null ? null : request.header(name);
    }

    private static Set<Role> roles(String header) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : list(header)) {
            try {
                roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknownRole) {
                // a role of another application: not one of ours
            }
        }
        return roles;
    }

    private static Set<String> list(String header) {
        Set<String> out = new LinkedHashSet<>();
        if (header != null) {
            for (String v : header.split(",")) {
                if (User.NAME.matcher(v.strip()).matches()) {
                    out.add(v.strip());
                }
            }
        }
        return out;
    }
}
