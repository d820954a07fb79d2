package io.cxpulse.common.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A small client for the part of the Confluent Schema Registry REST API that the Confluent wire
 * format needs: register a schema under a subject, and fetch a schema by its id. It speaks to
 * Confluent's registry and to every registry that serves the same API (Apicurio's
 * {@code /apis/ccompat/v7}, Redpanda, Karapace).
 *
 * <p>Why not Confluent's own client: Flink's {@code flink-avro-confluent-registry} needs
 * {@code io.confluent:kafka-schema-registry-client}, which is published only to Confluent's
 * Maven repository, and Maven Central is the only repository this build may use. Two REST
 * calls over {@link HttpClient} and Jackson are less code than a second repository.
 *
 * <p>Failure policy. A registry that cannot be reached, times out, answers 5xx, refuses our
 * credentials or rejects a schema throws {@link IllegalStateException}: in a Flink job that
 * fails the task and the restart strategy retries from the last checkpoint. That is on purpose.
 * Dead-lettering a record because the registry had a bad minute would send good data to the
 * dead-letter topic, where nobody replays it; a restart loses nothing. Only an answer about the
 * data itself, "there is no schema with this id" (404 with Confluent's error code 40403), is
 * reported as {@link UnknownSchemaException}, which the codec turns into a dead letter. A 404
 * without that error code means the URL does not point at a registry API (a missing
 * {@code /apis/ccompat/v7}, say) and is an {@link IllegalStateException} too, so a wrong URL
 * cannot dead-letter a whole topic.
 *
 * <p>Caching. Ids are immutable in a registry, so a schema fetched by id is kept for the life of
 * the client, and so is the id a (subject, schema) pair was registered under. An unknown id is
 * remembered for a minute, so a stream of garbage that
 * happens to start with a zero byte cannot turn into one registry request per record.
 *
 * <p>TLS uses the JVM's default {@link SSLContext}, configured with the standard
 * {@code javax.net.ssl.trustStore} and {@code javax.net.ssl.keyStore} properties; a proxy, if
 * any, through the JVM's default proxy selector ({@code https.proxyHost}). Basic-auth
 * credentials ({@code user:password}) are sent on every request and appear in no log line,
 * exception message or {@code toString()}.
 *
 * <p>The client is serializable so that it can travel inside a Flink function; {@link #open()}
 * creates the HTTP client and the caches on the task manager. Thread-safe once opened.
 */
public final class SchemaRegistryClient implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The media type of the registry API, version 1. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT =
            CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    /** Confluent's error code for "schema not found" (HTTP 404). */
    static final int SCHEMA_NOT_FOUND = 40403;

    /** How long an id the registry did not know is answered from memory before asking again. */
    static final long UNKNOWN_ID_RETRY_NANOS = 60_000_000_000L;

    /** Bound on remembered unknown ids; the memory is cleared when it is reached. */
    private static final int MAX_REMEMBERED_UNKNOWN_IDS = 10_000;

    /** Longest piece of a registry's error answer quoted in an exception message. */
    private static final int MAX_QUOTED_BODY = 300;

    private final SchemaRegistryConfig config;

    private transient HttpClient http;
    private transient ObjectMapper json;
    private transient String authorization;
    private transient Map<String, Map<Schema, Integer>> idsBySubject;
    private transient Map<Integer, Schema> schemasById;
    private transient Map<Integer, Long> unknownIdsUntil;

    public SchemaRegistryClient(SchemaRegistryConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        this.config = config;
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    /** Creates the HTTP client and the caches. Safe to call more than once. */
    public synchronized void open() {
        if (http != null) {
            return;
        }
        SSLContext tls;
        try {
            tls = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM's default TLS context is not available", e);
        }
        json = new ObjectMapper();
        authorization = config.userInfo() == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
        idsBySubject = new ConcurrentHashMap<>();
        schemasById = new ConcurrentHashMap<>();
        unknownIdsUntil = new ConcurrentHashMap<>();
        // HTTP/1.1: every registry speaks it, and it avoids the h2c upgrade dance on plain http.
        // Redirects are not followed, so credentials are never sent to another host.
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .build();
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds it there: registering a schema
     * that is already registered is idempotent) and returns its id. Cached per (subject, schema).
     *
     * @throws IllegalStateException when the registry is unreachable, answers 5xx, refuses the
     *     credentials, or rejects the schema (invalid, or incompatible under the subject's
     *     compatibility rule)
     */
    public int register(String subject, Schema schema) {
        open();
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        String what = "registering " + schema.getFullName() + " under subject " + subject;
        String body;
        try {
            body = json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the request body for " + what, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request, what);
        if (response.statusCode() != 200) {
            throw failure(response, what);
        }
        JsonNode id = readJson(response, what).get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new IllegalStateException("The schema registry answered without an id while " + what);
        }
        ids.put(schema, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    /**
     * The schema registered with {@code id}. Cached for the life of the client.
     *
     * @throws UnknownSchemaException when the registry has no schema with this id, or the id
     *     names a schema that is not a self-contained Avro schema: a fact about the record that
     *     carried the id
     * @throws IllegalStateException when the registry is unreachable, answers 5xx or refuses the
     *     credentials, or the URL does not lead to a registry API: an outage or a misconfiguration
     */
    public Schema schemaById(int id) throws UnknownSchemaException {
        open();
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Long retryAt = unknownIdsUntil.get(id);
        if (retryAt != null) {
            if (System.nanoTime() - retryAt < 0) {
                throw new UnknownSchemaException(id, "the schema registry has no schema with id " + id);
            }
            unknownIdsUntil.remove(id);
        }
        String what = "fetching the schema with id " + id;
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET(), what);
        if (response.statusCode() == 404) {
            if (errorCode(response) == SCHEMA_NOT_FOUND) {
                throw rememberUnknown(id, "the schema registry has no schema with id " + id);
            }
            throw new IllegalStateException("No schema registry API answered at " + config.url()
                    + " (HTTP 404 without error code " + SCHEMA_NOT_FOUND + " while " + what
                    + "); check serde.schema-registry-url");
        }
        if (response.statusCode() != 200) {
            throw failure(response, what);
        }
        JsonNode answer = readJson(response, what);
        JsonNode type = answer.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw rememberUnknown(id, "schema id " + id + " is a " + type.asText() + " schema, not Avro");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new IllegalStateException("The schema registry answered without a schema while " + what);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            // Typically a schema with references to other subjects, which this client does not
            // follow: none of the contract's schemas has any.
            throw rememberUnknown(id, "schema id " + id + " is not a self-contained Avro schema: " + e.getMessage());
        }
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    private UnknownSchemaException rememberUnknown(int id, String message) {
        if (unknownIdsUntil.size() >= MAX_REMEMBERED_UNKNOWN_IDS) {
            unknownIdsUntil.clear();
        }
        unknownIdsUntil.put(id, System.nanoTime() + UNKNOWN_ID_RETRY_NANOS);
        return new UnknownSchemaException(id, message);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        request.timeout(config.timeout()).header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Schema registry at " + config.url() + " unreachable while " + what
                    + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        }
    }

    private IllegalStateException failure(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        String hint;
        if (status == 401 || status == 403) {
            hint = "the registry refused the credentials (serde.schema-registry-user-info)";
        } else if (status == 409) {
            hint = "the schema is incompatible with the subject's earlier versions under its compatibility rule";
        } else if (status == 422) {
            hint = "the registry rejected the schema as invalid";
        } else if (status >= 500) {
            hint = "the registry failed";
        } else {
            hint = "unexpected answer";
        }
        return new IllegalStateException("Schema registry at " + config.url() + " answered HTTP " + status
                + " while " + what + ": " + hint + quote(response.body()));
    }

    private JsonNode readJson(HttpResponse<String> response, String what) {
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("The schema registry answered with no JSON object while " + what);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The schema registry answered with invalid JSON while " + what, e);
        }
    }

    private int errorCode(HttpResponse<String> response) {
        try {
            JsonNode code = json.readTree(response.body()).get("error_code");
            return code != null && code.canConvertToInt() ? code.intValue() : -1;
        } catch (JsonProcessingException | RuntimeException e) {
            return -1;
        }
    }

    private static String quote(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return " — " + (flat.length() > MAX_QUOTED_BODY ? flat.substring(0, MAX_QUOTED_BODY) + "…" : flat);
    }

    private URI uri(String path) {
        return URI.create(config.url() + path);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient{" + config + "}";
    }

    /**
     * The registry holds no usable schema under an id that a record carries: the record is a
     * dead letter ({@link DeadLetterReason#UNKNOWN_SCHEMA}), not an outage.
     */
    public static final class UnknownSchemaException extends Exception {

        private static final long serialVersionUID = 1L;

        private final int id;

        public UnknownSchemaException(int id, String message) {
            super(message);
            this.id = id;
        }

        public int id() {
            return id;
        }
    }
}
