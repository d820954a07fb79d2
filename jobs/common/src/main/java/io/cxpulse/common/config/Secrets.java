package io.cxpulse.common.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Keeps secrets out of log lines: any setting whose name says it holds one is masked. */
public final class Secrets {

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|jaas|token|credential|user[._-]?info|api[._-]?key|private[._-]?key).*");

    public static final String MASK = "******";

    private Secrets() {}

    public static boolean isSecret(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** A copy of {@code settings} with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return out;
    }
}
