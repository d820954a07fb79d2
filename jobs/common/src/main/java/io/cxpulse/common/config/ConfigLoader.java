package io.cxpulse.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one YAML configuration file into {@link CxPulseConfig}.
 *
 * <ul>
 *   <li>Keys are kebab-case ({@code bootstrap-servers}); unknown keys are an error, so a typo
 *       does not silently fall back to a default.
 *   <li>{@code ${VAR}} and {@code ${VAR:-default}} in any value are replaced by environment
 *       variables: how secrets get in without being written down.
 *   <li>An environment variable {@code CXPULSE_KAFKA_<NAME>} sets the Kafka client property
 *       {@code <name>} (lower case, {@code _} read as {@code .}): {@code CXPULSE_KAFKA_SASL_JAAS_CONFIG}
 *       sets {@code sasl.jaas.config}; {@code CXPULSE_KAFKA_BOOTSTRAP_SERVERS} sets the bootstrap
 *       servers. {@code CXPULSE_SCHEMA_REGISTRY_URL} and {@code CXPULSE_SCHEMA_REGISTRY_USER_INFO}
 *       set the registry. The environment wins over the file.
 *   <li>Values that came from the environment are masked wherever they show, error messages
 *       included ({@link Secrets}).
 *   <li>Durations are ISO-8601 ({@code PT30S}) or short ({@code 250ms}, {@code 30s}, {@code 5m},
 *       {@code 4h}, {@code 30d}).
 * </ul>
 */
public final class ConfigLoader {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String KAFKA_ENV_PREFIX = "CXPULSE_KAFKA_";

    /** Top-level sections that belong to one job (or the console) each, read by {@link #section}. */
    public static final Set<String> JOB_SECTIONS = Set.of("experience", "complaints", "metrics", "lifecycle", "console");

    private ConfigLoader() {}

    /** Reads {@code file}, or only the defaults and the environment when {@code file} is null. */
    public static CxPulseConfig load(Path file, Map<String, String> env) throws IOException {
        CxPulseConfig config = CxPulseConfig.defaults();
        if (file != null) {
            CxPulseConfig parsed = parse(Files.readString(file), file.toString(), env);
            config = parsed == null ? config : parsed;
        }
        return applyEnvironment(config, env);
    }

    /**
     * Parses YAML text, replacing {@code ${VAR}} placeholders in values (not in comments) from
     * {@code env}.
     */
    public static CxPulseConfig parse(String yaml, String origin, Map<String, String> env) throws IOException {
        ObjectMapper mapper = mapper();
        try {
            JsonNode tree = mapper.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return null;
            }
            if (tree instanceof ObjectNode object) {
                JOB_SECTIONS.forEach(object::remove);
            }
            return mapper.treeToValue(interpolateValues(tree, env), CxPulseConfig.class);
        } catch (JsonMappingException e) {
            // Not chained: the parser's own message quotes the value, which may be a secret.
            throw new IOException(Secrets.scrub("Invalid configuration in " + origin + ": " + e.getOriginalMessage()
                    + " at " + e.getPathReference()));
        }
    }

    /**
     * Reads one job's section ({@code experience:}, {@code complaints:}, ...) of the file into
     * its typed configuration: keys it sets override {@code defaults}, unknown keys are an error.
     * Without a file, or without the section, the defaults.
     */
    public static <T> T section(Path file, String name, Class<T> type, T defaults, Map<String, String> env)
            throws IOException {
        if (!JOB_SECTIONS.contains(name)) {
            throw new IllegalArgumentException("not a job section: " + name);
        }
        if (file == null) {
            return defaults;
        }
        ObjectMapper mapper = mapper();
        JsonNode tree = mapper.readTree(Files.readString(file));
        JsonNode section = tree == null ? null : tree.get(name);
        if (section == null || section.isNull()) {
            return defaults;
        }
        if (!section.isObject()) {
            throw new IOException("Invalid configuration in " + file + ": " + name + " must be a mapping");
        }
        ObjectNode merged = (ObjectNode) mapper.valueToTree(defaults);
        section.properties().forEach(e -> {
            if (!merged.has(e.getKey())) {
                throw new IllegalArgumentException("Invalid configuration in " + file + ": unknown key "
                        + name + "." + e.getKey() + " (known: " + String.join(", ",
                        merged.properties().stream().map(Map.Entry::getKey).toList()) + ")");
            }
            merged.set(e.getKey(), interpolateValues(e.getValue(), env));
        });
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            // Not chained: the parser's own message quotes the value, which may be a secret.
            throw new IOException(Secrets.scrub(
                    "Invalid configuration in " + file + ": " + name + ": " + e.getOriginalMessage()));
        }
    }

    private static JsonNode interpolateValues(JsonNode node, Map<String, String> env) {
        if (node.isTextual()) {
            return TextNode.valueOf(interpolate(node.textValue(), env));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.properties().forEach(e -> e.setValue(interpolateValues(e.getValue(), env)));
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, interpolateValues(array.get(i), env));
            }
        }
        return node;
    }

    static String interpolate(String text, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                value = m.group(3);
            }
            if (value == null) {
                throw new IllegalArgumentException(
                        "Configuration refers to environment variable " + m.group(1) + ", which is not set");
            }
            if (env.containsKey(m.group(1))) {
                Secrets.rememberFromEnvironment(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static CxPulseConfig applyEnvironment(CxPulseConfig config, Map<String, String> env) {
        KafkaConfig kafka = config.kafka();
        Map<String, String> props = new HashMap<>(kafka.properties());
        String bootstrap = kafka.bootstrapServers();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(KAFKA_ENV_PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (name.equals("bootstrap.servers")) {
                bootstrap = e.getValue();
            } else {
                Secrets.rememberFromEnvironment(e.getValue());
                props.put(name, e.getValue());
            }
        }
        KafkaConfig newKafka = new KafkaConfig(bootstrap, props, kafka.groupIdPrefix(),
                kafka.transactionalIdPrefix(), kafka.transactionTimeout());
        SerdeConfig serde = config.serde();
        String url = env.getOrDefault("CXPULSE_SCHEMA_REGISTRY_URL", serde.schemaRegistryUrl());
        String userInfo = env.getOrDefault("CXPULSE_SCHEMA_REGISTRY_USER_INFO", serde.schemaRegistryUserInfo());
        Secrets.rememberFromEnvironment(env.get("CXPULSE_SCHEMA_REGISTRY_USER_INFO"));
        SerdeConfig.Format format = url != null && serde.schemaRegistryUrl() == null ? null : serde.format();
        SerdeConfig newSerde = new SerdeConfig(format, url, userInfo, serde.schemaRegistryTimeout());
        return config.withKafka(newKafka).withSerde(newSerde);
    }

    static ObjectMapper mapper() {
        SimpleModule durations = new SimpleModule("cxpulse-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        durations.addSerializer(Duration.class, new ToStringSerializer(Duration.class));
        ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(durations)
                .build();
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        return mapper;
    }

    /** Parses {@code PT30S}, {@code 30s}, {@code 250ms}, {@code 5m}, {@code 4h}, {@code 30d}. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(t.toUpperCase(Locale.ROOT));
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return parseDuration(text);
            } catch (RuntimeException e) {
                return (Duration) ctx.handleWeirdStringValue(Duration.class, text,
                        "not a duration (use 30s, 5m, 4h, 30d or ISO-8601 such as PT30S)");
            }
        }
    }
}
