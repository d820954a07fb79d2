package io.cxpulse.common.text;

/**
 * Text from input, made safe to quote in a message, a log line, a file or a terminal.
 *
 * <ul>
 *   <li>Control characters (C0, DEL, C1), format characters that reorder or hide text (bidi
 *       overrides and isolates, zero-width characters), line and paragraph separators and lone
 *       surrogates are written as {@code \}{@code uXXXX}: visible, inert, and encodable as UTF-8.
 *       An ESC sequence in a customer id shows as {@code \}{@code u001B[31m}, it does not colour
 *       the operator's terminal.
 *   <li>{@link #quote} also folds runs of whitespace into one space and keeps at most a given
 *       number of code points, cutting between code points (never inside a surrogate pair) and
 *       marking the cut with {@code …}.
 * </ul>
 *
 * <p>Everything else, CJK and emoji included, is kept as it is.
 */
public final class SafeText {

    private static final char ELLIPSIS = '…';

    private SafeText() {}

    /**
     * At most {@code maxCodePoints} code points of {@code text} (whitespace folded), neutralised;
     * "" for null.
     */
    public static String quote(String text, int maxCodePoints) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints + 8));
        int kept = 0;
        boolean inWhitespace = false;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean loneSurrogate = width == 1 && Character.isSurrogate(text.charAt(i));
            boolean whitespace = !loneSurrogate && isFoldedWhitespace(cp);
            if (whitespace && inWhitespace) {
                i += width;
                continue;
            }
            if (kept == maxCodePoints) {
                out.append(ELLIPSIS);
                return out.toString();
            }
            if (whitespace) {
                out.append(' ');
            } else {
                appendSafe(out, cp, loneSurrogate);
            }
            inWhitespace = whitespace;
            kept++;
            i += width;
        }
        return out.toString();
    }

    /** All of {@code text}, neutralised, line breaks included (each shown as an escape); "" for null. */
    public static String neutralise(String text) {
        if (text == null) {
            return "";
        }
        if (isInert(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            appendSafe(out, cp, width == 1 && Character.isSurrogate(text.charAt(i)));
            i += width;
        }
        return out.toString();
    }

    /** Whether {@code text} has nothing that {@link #neutralise} would change. */
    public static boolean isInert(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || c >= 0x2000) {
                // the rare characters need a closer look
                int cp = text.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++; // a well-formed pair
                    if (isHidden(cp)) {
                        return false;
                    }
                    continue;
                }
                if (Character.isSurrogate(c) || isHidden(cp)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the code point controls or hides rather than shows: a control character, a
     * format character (bidi controls, zero-width joiners and spaces, the byte order mark, tag
     * characters), or a line or paragraph separator.
     */
    public static boolean isHidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isFoldedWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x0B;
    }

    private static void appendSafe(StringBuilder out, int cp, boolean loneSurrogate) {
        if (loneSurrogate || isHidden(cp)) {
            if (Character.isSupplementaryCodePoint(cp)) {
                escape(out, Character.highSurrogate(cp));
                escape(out, Character.lowSurrogate(cp));
            } else {
                escape(out, (char) cp);
            }
        } else {
            out.appendCodePoint(cp);
        }
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u").append(String.format("%04X", (int) c));
    }
}
