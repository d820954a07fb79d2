package io.cxpulse.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private final SessionTokens tokens =
            new SessionTokens("a-session-key-of-at-least-32-chars!".getBytes(StandardCharsets.UTF_8), Duration.ofHours(12));

    @Test
    void aTokenItIssuedIsValidUntilItExpires() {
        String token = tokens.issue("ana", NOW);

        assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(11))).orElseThrow().user()).isEqualTo("ana");
        assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(12)))).isEmpty();
    }

    @Test
    void refusesForgedTamperedOrForeignTokens() {
        String token = tokens.issue("ana", NOW);
        String otherUser = token.replaceFirst("\\.[^.]+\\.", ".Ym8.");  // "bo", signature unchanged
        SessionTokens otherKey =
                new SessionTokens("another-session-key-of-32-chars!!!".getBytes(StandardCharsets.UTF_8), Duration.ofHours(12));

        assertThat(tokens.verify(otherUser, NOW)).isEmpty();
        assertThat(tokens.verify(token + "x", NOW)).isEmpty();
        assertThat(tokens.verify("garbage", NOW)).isEmpty();
        assertThat(tokens.verify(null, NOW)).isEmpty();
        assertThat(otherKey.verify(token, NOW)).isEmpty();
    }

    @Test
    void theCsrfTokenBelongsToOneSession() {
        String nonce = tokens.verify(tokens.issue("ana", NOW), NOW).orElseThrow().nonce();
        String otherNonce = tokens.verify(tokens.issue("ana", NOW), NOW).orElseThrow().nonce();

        assertThat(tokens.csrfMatches(nonce, tokens.csrfToken(nonce))).isTrue();
        assertThat(tokens.csrfMatches(otherNonce, tokens.csrfToken(nonce))).isFalse();
        assertThat(tokens.csrfMatches(nonce, null)).isFalse();
    }

    @Test
    void passwordsAreCheckedAgainstBcryptHashes() {
        String hash = PasswordHashes.hash("correct horse".toCharArray(), 10);

        assertThat(hash).startsWith("$2a$10$");
        assertThat(PasswordHashes.matches("correct horse".toCharArray(), hash)).isTrue();
        assertThat(PasswordHashes.matches("wrong".toCharArray(), hash)).isFalse();
        assertThat(PasswordHashes.matches("anything".toCharArray(), null)).isFalse();
    }
}
