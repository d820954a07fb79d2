package io.cxpulse.common.serde;

import io.cxpulse.common.config.Secrets;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the schema registry is and how to talk to it: the part of {@code serde.*} that the
 * Confluent wire format needs, small enough to ship inside every Flink source and sink.
 *
 * @param url base URL of a Confluent-compatible registry API, e.g. {@code https://registry:8081}
 *     or Apicurio's {@code http://registry:8080/apis/ccompat/v7}; a trailing slash is dropped.
 *     Credentials do not belong in it: use {@code userInfo}.
 * @param userInfo {@code user:password} for HTTP basic auth, or null for none; a secret, masked
 *     in {@link #toString()}
 * @param timeout timeout of one registry request (connect and response); default 10 s
 */
public record SchemaRegistryConfig(String url, String userInfo, Duration timeout) implements Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistryConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("serde.schema-registry-url is required for the confluent wire format");
        }
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The message names the problem, never the text: it may hold a password pasted by mistake.
            throw new IllegalArgumentException("serde.schema-registry-url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("serde.schema-registry-url must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("serde.schema-registry-url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "serde.schema-registry-url must not carry credentials; set serde.schema-registry-user-info");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("serde.schema-registry-url must not have a query or fragment");
        }
        if (userInfo != null && userInfo.isBlank()) {
            userInfo = null;
        }
        if (userInfo != null && userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("serde.schema-registry-user-info must be user:password");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("serde.schema-registry-timeout must be positive");
        }
    }

    /** A registry without authentication and with the default timeout. */
    public static SchemaRegistryConfig of(String url) {
        return new SchemaRegistryConfig(url, null, null);
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig{url=" + url
                + ", userInfo=" + (userInfo == null ? null : Secrets.MASK)
                + ", timeout=" + timeout + "}";
    }
}
