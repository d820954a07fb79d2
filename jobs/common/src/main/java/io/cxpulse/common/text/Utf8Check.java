package io.cxpulse.common.text;

/**
 * Strict UTF-8 well-formedness (Unicode 15, table 3-7): no stray continuation bytes, no
 * truncated sequences, no overlong forms, no encoded surrogates, nothing above U+10FFFF. Java's
 * own decoding replaces such bytes with U+FFFD, which would make {@code C\xff} and {@code C\xfe}
 * the same customer id; an input is checked here first, and refused when it fails.
 */
public final class Utf8Check {

    private Utf8Check() {}

    /** Whether {@code bytes[offset, offset+length)} is well-formed UTF-8. */
    public static boolean isWellFormed(byte[] bytes, int offset, int length) {
        return firstMalformed(bytes, offset, length) < 0;
    }

    /** The offset (from {@code offset}) of the first byte of an ill-formed sequence, or -1. */
    public static int firstMalformed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) { // ASCII: the common case
                i++;
                continue;
            }
            b &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lo = 0xA0; // overlong
                } else if (b == 0xED) {
                    hi = 0x9F; // surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lo = 0x90; // overlong
                } else if (b == 0xF4) {
                    hi = 0x8F; // beyond U+10FFFF
                }
            } else {
                return i - offset;
            }
            if (i + need >= end) {
                return i - offset; // fewer bytes left than the sequence needs
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i - offset;
            }
            for (int k = 2; k <= need; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i - offset;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    /** Whether {@code text} is well-formed UTF-16 (no lone surrogate), so encodable as UTF-8. */
    public static boolean isWellFormed(CharSequence text) {
        return firstLoneSurrogate(text) < 0;
    }

    /** The index of the first lone surrogate in {@code text}, or -1. */
    public static int firstLoneSurrogate(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
