package io.cxpulse.common.logging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Customer identifiers never appear in log lines in the clear. A masked id keeps its first two
 * characters and a short stable digest, so two log lines about the same customer can still be
 * matched ({@code C1…#3f9a2c}) without the log revealing who it was.
 */
public final class Masking {

    private Masking() {}

    public static String customerId(String id) {
        if (id == null) {
            return "null";
        }
        String prefix = id.length() <= 2 ? "" : id.substring(0, 2);
        return prefix + "…#" + digest(id);
    }

    private static String digest(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
