package io.cxpulse.console.logic;

/**
 * Neutralises text from a record before any page or log shows it. Every alert field is treated
 * as hostile: C0 and C1 control characters (a terminal escape, a NUL) become U+FFFD, line breaks
 * and tabs become a space, Unicode bidirectional controls (which can make {@code txt.exe} read
 * as {@code exe.txt}) are removed, and the text is cut to a maximum length. HTML is not escaped
 * here: the page inserts text with {@code textContent}, never as markup, and the JSON writer
 * escapes what JSON needs.
 */
public final class SafeText {

    static final char REPLACEMENT = '\uFFFD';
    static final char ELLIPSIS = '…';

    private SafeText() {}

    /** {@code text} neutralised and cut to at most {@code maxChars} characters; null stays null. */
    public static String clean(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 1));
        int i = 0;
        while (i < text.length() && out.length() < maxChars) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                out.append(' ');
            } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
                out.append(REPLACEMENT);
            } else if (isBidiControl(cp)) {
                // dropped
            } else if (Character.getType(cp) == Character.SURROGATE) {
                out.append(REPLACEMENT); // a lone surrogate
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (i < text.length()) {
            if (out.length() >= maxChars) {
                out.setLength(Math.max(0, maxChars - 1));
                if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                    out.setLength(out.length() - 1);
                }
            }
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /** Whether {@code text} is already what {@link #clean} makes of it (for input validation). */
    public static boolean isClean(String text, int maxChars) {
        return text == null || text.equals(clean(text, maxChars));
    }

    static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }
}
