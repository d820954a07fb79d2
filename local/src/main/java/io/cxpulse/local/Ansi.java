package io.cxpulse.local;

import java.util.Locale;

/** Terminal colours, used only when the terminal is a terminal that wants them. */
public record Ansi(boolean enabled) {

    /** Colour when stdout is a console, {@code TERM} is not dumb and {@code NO_COLOR} is unset. */
    public static Ansi detect() {
        String term = System.getenv("TERM");
        boolean wanted = System.console() != null && System.getenv("NO_COLOR") == null
                && term != null && !term.toLowerCase(Locale.ROOT).equals("dumb");
        return new Ansi(wanted);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
