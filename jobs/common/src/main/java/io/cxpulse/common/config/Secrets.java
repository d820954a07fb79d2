package io.cxpulse.common.config;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of messages and log lines, by two rules:
 *
 * <ul>
 *   <li>by name: any setting whose key says it holds one ({@code password}, {@code jaas},
 *       {@code ssl.keystore.key}, {@code user.info}, ...) is masked where configuration is printed;
 *   <li>by origin: every value that came from the environment ({@code ${VAR}} in the YAML, or a
 *       {@code CXPULSE_KAFKA_*} variable) is remembered when the configuration is read, and
 *       masked wherever it shows: in printed configuration under any key, and in every error
 *       message that passes through {@link #scrub} (a value that fails to parse as a duration is
 *       quoted by the parser, for one).
 * </ul>
 *
 * <p>Values shorter than {@value #MIN_REMEMBERED} characters are not remembered: masking every
 * "1" in a message would hide more than it protects, and no credential is that short.
 */
public final class Secrets {

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|jaas|token|credential|user[._-]?info|api[._-]?key|private[._-]?key"
                    + "|\\.key$|\\.key\\.|keystore\\.certificate\\.chain).*");

    public static final String MASK = "******";

    static final int MIN_REMEMBERED = 4;

    private static final Set<String> FROM_ENVIRONMENT = ConcurrentHashMap.newKeySet();

    private Secrets() {}

    public static boolean isSecret(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** Remembers a value that came from the environment, to mask it wherever it shows. */
    public static void rememberFromEnvironment(String value) {
        if (value != null && value.strip().length() >= MIN_REMEMBERED) {
            FROM_ENVIRONMENT.add(value);
        }
    }

    /** Whether {@code value} came from the environment (and is long enough to be remembered). */
    public static boolean isFromEnvironment(String value) {
        return value != null && FROM_ENVIRONMENT.contains(value);
    }

    /** A copy of {@code settings} with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) || isFromEnvironment(v) ? MASK : v));
        return out;
    }

    /** {@code message} with every value that came from the environment replaced by {@link #MASK}. */
    public static String scrub(String message) {
        if (message == null || FROM_ENVIRONMENT.isEmpty()) {
            return message;
        }
        String out = message;
        // longest first, so a value that contains another is masked whole
        for (String value : FROM_ENVIRONMENT.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return out;
    }
}
