package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.console.Console;
import io.cxpulse.console.ConsoleConfig;
import io.cxpulse.console.ConsoleConfig.UserEntry;
import io.cxpulse.console.auth.PasswordHashes;
import io.cxpulse.console.logic.Role;
import io.cxpulse.simulate.World;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The web console of the demo, on a free loopback port, with the demo's users: {@code manager}
 * (every alert), {@code blue}, {@code green} and {@code red} (supervisors of the simulated
 * teams, who also get the alerts of the queues their team serves) and {@code ops}
 * (operations). They share one password: {@code CXPULSE_DEMO_PASSWORD} when set, else a random
 * one made for this run and printed. Nothing here is production configuration.
 */
public final class DemoWebConsole implements AutoCloseable {

    public static final String PASSWORD_VARIABLE = "CXPULSE_DEMO_PASSWORD";

    private final Console console;
    private final String password;
    private final boolean passwordFromEnvironment;

    private DemoWebConsole(Console console, String password, boolean passwordFromEnvironment) {
        this.console = console;
        this.password = password;
        this.passwordFromEnvironment = passwordFromEnvironment;
    }

    public static DemoWebConsole start(CxPulseConfig config, ConsoleConfig base) throws Exception {
        String fromEnv = System.getenv(PASSWORD_VARIABLE);
        String password = fromEnv != null && !fromEnv.isBlank() ? fromEnv : randomPassword();
        String hash = PasswordHashes.hash(password.toCharArray(), 10);
        Map<String, Set<String>> queueTeams = new LinkedHashMap<>();
        Set<String> teams = new TreeSet<>();
        for (World.Queue q : World.standard(1, 1).queues()) {
            queueTeams.computeIfAbsent(q.id(), k -> new TreeSet<>()).add(q.team());
            teams.add(q.team());
        }
        List<UserEntry> users = new java.util.ArrayList<>();
        users.add(new UserEntry("manager", hash, Set.of(Role.ADMIN), Set.of()));
        for (String team : teams) {
            users.add(new UserEntry(team.replace("team-", ""), hash, Set.of(Role.SUPERVISOR), Set.of(team)));
        }
        users.add(new UserEntry("ops", hash, Set.of(Role.OPERATIONS), Set.of()));
        ConsoleConfig demo = base.withBind(base.bind(), 0)
                .withAuth(ConsoleConfig.AuthMode.PASSWORD, base.proxy())
                .withUsers(users, base.sessionKey())
                .withRouting(queueTeams, true);
        return new DemoWebConsole(Console.start(config, demo), password, fromEnv != null && !fromEnv.isBlank());
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public String url() {
        return console.url();
    }

    public String password() {
        return password;
    }

    /** The lines the demo prints: the address on a line of its own, then how to sign in. */
    public List<String> banner() {
        return List.of("console: " + url(),
                "  sign in as manager (every alert), blue, green or red (a team's supervisor) or ops (operations);"
                        + " password " + (passwordFromEnvironment ? "from " + PASSWORD_VARIABLE
                        : password + " (made for this run; set " + PASSWORD_VARIABLE + " to choose one)"));
    }

    @Override
    public void close() throws Exception {
        console.close();
    }
}
