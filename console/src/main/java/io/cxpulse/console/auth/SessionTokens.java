package io.cxpulse.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed session cookies: {@code v1.<user>.<expiry>.<nonce>.<HMAC-SHA256>}, the signature over
 * the rest with the console's session key. Nothing is stored on the server, so every console
 * instance that shares the key accepts the same sessions, and a restart keeps everyone signed in.
 * The CSRF token of a session is another HMAC of its nonce: a page gets it from
 * {@code /api/me} and sends it with every change; a forged request from another site has the
 * cookie but cannot know the token.
 *
 * <p>Limits: a session cannot be revoked before its expiry except by removing the user from the
 * configuration (checked on every request) or changing the key (which ends every session).
 */
public final class SessionTokens {

    /** A verified session: who, until when, and its nonce. */
    public record Session(String user, Instant expires, String nonce) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(byte[] key, Duration timeout) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a session key needs at least 32 bytes");
        }
        this.key = key.clone();
        this.timeout = timeout;
    }

    /** A random key, for a console started without one. */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A new session token for {@code user}, valid from {@code now} for the timeout. */
    public String issue(String user, Instant now) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = "v1." + B64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "."
                + now.plus(timeout).getEpochSecond() + "." + B64.encodeToString(nonce);
        return body + "." + B64.encodeToString(mac("session|" + body));
    }

    /** The session {@code token} stands for, if it is well formed, signed with this key and not expired. */
    public Optional<Session> verify(String token, Instant now) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, lastDot);
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, mac("session|" + body))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!now.isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Session(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8), expires,
                    parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The CSRF token of a session (or, in proxy mode, of a user: {@code nonce} is then the user name). */
    public String csrfToken(String nonce) {
        return B64.encodeToString(mac("csrf|" + nonce));
    }

    /** Whether {@code presented} is the CSRF token of {@code nonce}, compared in constant time. */
    public boolean csrfMatches(String nonce, String presented) {
        return presented != null && MessageDigest.isEqual(
                csrfToken(nonce).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
