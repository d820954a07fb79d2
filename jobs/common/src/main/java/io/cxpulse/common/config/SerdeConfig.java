package io.cxpulse.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * The wire format of records on Kafka.
 *
 * @param format {@code single-object} (Avro single-object encoding, writer schemas resolved by
 *     fingerprint from the schemas module: no registry needed) or {@code confluent} (Confluent
 *     wire format with schemas in a registry: what Kafka Connect, ClickHouse, Druid and Spark
 *     read). Default: {@code confluent} when a registry URL is set, else {@code single-object}.
 * @param schemaRegistryUrl base URL of a Confluent-compatible registry API
 * @param schemaRegistryUserInfo {@code user:password} for HTTP basic auth, or null; a secret
 * @param schemaRegistryTimeout timeout of one registry request; default 10 s
 */
public record SerdeConfig(
        Format format,
        String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        Duration schemaRegistryTimeout) implements Serializable {

    public enum Format {
        SINGLE_OBJECT, CONFLUENT;

        /** Accepts the YAML spelling ({@code single-object}) as well as the constant's name. */
        @JsonCreator
        public static Format of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public SerdeConfig {
        if (schemaRegistryUrl != null && schemaRegistryUrl.isBlank()) {
            schemaRegistryUrl = null;
        }
        if (format == null) {
            format = schemaRegistryUrl == null ? Format.SINGLE_OBJECT : Format.CONFLUENT;
        }
        if (format == Format.CONFLUENT && schemaRegistryUrl == null) {
            throw new IllegalArgumentException("serde.format confluent needs serde.schema-registry-url");
        }
        schemaRegistryTimeout = schemaRegistryTimeout == null ? Duration.ofSeconds(10) : schemaRegistryTimeout;
    }

    public static SerdeConfig defaults() {
        return new SerdeConfig(null, null, null, null);
    }

    @Override
    public String toString() {
        return "SerdeConfig{format=" + format + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", schemaRegistryUserInfo=" + (schemaRegistryUserInfo == null ? null : Secrets.MASK)
                + ", schemaRegistryTimeout=" + schemaRegistryTimeout + "}";
    }
}
