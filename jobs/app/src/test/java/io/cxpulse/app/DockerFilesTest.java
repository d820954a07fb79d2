package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.cxpulse.cluster.FlinkCluster;
import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code docker/} are what the cluster tests run: the compose file's commands
 * (ZooKeeper's included) are the ones {@link ApplicationClusterITCase} gives the harness, its
 * Flink settings turn off jar upload and the cancel button and publish every port on loopback
 * only; every Kubernetes manifest parses, and the FlinkDeployment uses only fields, types and
 * enum values of the Flink Kubernetes Operator's CRD.
 * ({@code .ci/run} also validates the compose file with {@code docker-compose config}.)
 */
class DockerFilesTest {

    static final Path DOCKER = Path.of("..", "..", "docker");
    static final String COMPOSE_KAFKA = "kafka:9092";
    static final List<String> TOPICS_COMMAND = List.of("topics", "--bootstrap-servers", COMPOSE_KAFKA, "--partitions", "4");
    static final List<String> JOB_ARGS = List.of("--config-file", "/opt/cxpulse/cxpulse.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeRunsWhatTheClusterTestsRun() throws IOException {
        JsonNode services = compose().path("services");

        assertThat(strings(services.path("topics").path("command"))).isEqualTo(TOPICS_COMMAND);
        List<String> standaloneJob = new ArrayList<>(List.of("standalone-job"));
        standaloneJob.addAll(FlinkCluster.applicationArguments(JOB_ARGS));
        assertThat(strings(services.path("jobmanager").path("command"))).isEqualTo(standaloneJob);
        assertThat(strings(services.path("taskmanager").path("command"))).containsExactly("taskmanager");
        List<String> zooKeeper = strings(services.path("zookeeper").path("command"));
        assertThat(zooKeeper.subList(zooKeeper.indexOf("-cp"), zooKeeper.size()))
                .as("Flink's ZooKeeper, started as the harness starts it")
                .isEqualTo(concat(List.of("-cp", "/opt/flink/lib/*"), FlinkCluster.zooKeeperArguments("/opt/cxpulse/zoo.cfg")));
        assertThat(strings(services.path("zookeeper").path("volumes"))).contains("./zoo.cfg:/opt/cxpulse/zoo.cfg:ro");
    }

    @Test
    void composeRunsTheJobManagerWithTheHarnesssHighAvailability() throws IOException {
        JsonNode services = compose().path("services");
        for (String flink : List.of("jobmanager", "taskmanager")) {
            String properties = services.path(flink).path("environment").path("FLINK_PROPERTIES").asText();
            FlinkCluster.highAvailabilitySettings("zookeeper:2181", "file:///opt/flink/data/ha")
                    .forEach((key, value) -> assertThat(properties).as(flink).contains(key + ": " + value + "\n"));
        }
        Map<String, String> zooCfg = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCKER.resolve("zoo.cfg"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                zooCfg.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(zooCfg).isEqualTo(FlinkCluster.zooKeeperSettings("/opt/flink/data/zookeeper", 2181));
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.job")))
                .as("the data volume's mount point belongs to the image's flink user")
                .contains("chown flink:flink /opt/flink/data");
    }

    @Test
    void composeTakesNoJarsOverRestAndPublishesOnLoopbackOnly() throws IOException {
        JsonNode services = compose().path("services");
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(services.path(flink).path("environment").path("FLINK_PROPERTIES").asText())
                    .as(flink).contains("web.submit.enable: false", "web.cancel.enable: false");
        }
        services.properties().forEach(service -> service.getValue().path("ports").forEach(port ->
                assertThat(port.asText()).as(service.getKey()).startsWith("127.0.0.1:")));
    }

    @Test
    void theJobConfigurationOfComposeAndKubernetesIsValid() throws IOException {
        CxPulseConfig compose = ConfigLoader.load(DOCKER.resolve("cxpulse.yaml"), Map.of());
        assertThat(compose.kafka().bootstrapServers()).isEqualTo(COMPOSE_KAFKA);

        JsonNode configMap = manifest("cxpulse-config.yaml");
        CxPulseConfig kubernetes = ConfigLoader.parse(configMap.path("data").path("cxpulse.yaml").asText(),
                "cxpulse-config", Map.of());
        assertThat(kubernetes.kafka().properties()).doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void everyKubernetesManifestParses() throws IOException {
        try (Stream<Path> files = Files.list(DOCKER.resolve("kubernetes"))) {
            List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(manifests).hasSizeGreaterThanOrEqualTo(4);
            for (Path file : manifests) {
                for (JsonNode document : documents(file)) {
                    assertThat(document.path("apiVersion").asText()).as(file.toString()).isNotEmpty();
                    assertThat(document.path("kind").asText()).as(file.toString()).isNotEmpty();
                    assertThat(document.path("metadata").path("name").asText()).as(file.toString()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void theFlinkDeploymentUsesOnlyTheOperatorsFields() throws IOException {
        JsonNode deployment = manifest("flinkdeployment.yaml");
        Map<String, String> crd = crdFields();
        List<String> unknown = new ArrayList<>();
        walk(deployment.path("spec"), "spec", crd, unknown);

        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(unknown).as("fields or values the operator's CRD does not have").isEmpty();
    }

    @Test
    void theFlinkDeploymentRunsTheJobJarLikeCompose() throws IOException {
        JsonNode spec = manifest("flinkdeployment.yaml").path("spec");
        JsonNode job = spec.path("job");

        assertThat(job.path("entryClass").asText()).isEqualTo(FlinkCluster.JOB_CLASS);
        assertThat(strings(job.path("args"))).isEqualTo(JOB_ARGS);
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/" + FlinkCluster.JOB_JAR_NAME);
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.job")))
                .contains("/opt/flink/usrlib/" + FlinkCluster.JOB_JAR_NAME);
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("web.submit.enable").asText()).isEqualTo("false");
        assertThat(flink.path("web.cancel.enable").asText()).isEqualTo("false");
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).isNotEmpty();
    }

    /** Records every field path of {@code node} the CRD lacks, and every enum value it does not allow. */
    private static void walk(JsonNode node, String path, Map<String, String> crd, List<String> unknown) {
        String schema = crd.get(path);
        if (schema == null) {
            unknown.add(path);
            return;
        }
        if (path.equals("spec.flinkConfiguration")) {
            node.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    unknown.add(path + "." + e.getKey() + " (must be a string)");
                }
            });
            return;
        }
        if (!hasType(node, schema)) {
            unknown.add(path + " (" + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", the CRD has " + schema + ")");
            return;
        }
        int enumStart = schema.indexOf('[');
        if (enumStart >= 0 && !List.of(schema.substring(enumStart + 1, schema.indexOf(']')).split(","))
                .contains(node.asText())) {
            unknown.add(path + " = " + node.asText());
        }
        if (node.isObject()) {
            boolean map = crd.containsKey(path + ".*");
            node.properties().forEach(e -> walk(e.getValue(), path + (map ? ".*" : "." + e.getKey()), crd, unknown));
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, path + "[]", crd, unknown));
        }
    }

    /** Whether {@code node} is of the CRD's type ({@code string [a,b]}, {@code integer}, {@code int-or-string}, ...). */
    private static boolean hasType(JsonNode node, String schema) {
        String type = schema.split(" ")[0];
        return switch (type) {
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            case "int-or-string" -> node.isTextual() || node.isIntegralNumber();
            default -> throw new IllegalStateException("a type the list does not use: " + schema);
        };
    }

    private static Map<String, String> crdFields() throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (InputStream in = DockerFilesTest.class.getResourceAsStream("/io/cxpulse/cluster/flinkdeployment-crd-fields.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                String path = line.substring(0, colon);
                String schema = line.substring(colon + 2);
                fields.put(path, schema);
                // jobManager's and taskManager's pod templates have spec.podTemplate's schema
                if (path.startsWith("spec.podTemplate")) {
                    fields.put(path.replace("spec.podTemplate", "spec.jobManager.podTemplate"), schema);
                    fields.put(path.replace("spec.podTemplate", "spec.taskManager.podTemplate"), schema);
                }
            }
        }
        return fields;
    }

    /** Read with SnakeYAML, which resolves the file's anchors and merge keys as Compose does. */
    private static JsonNode compose() throws IOException {
        Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return YAML.valueToTree(tree);
    }

    private static JsonNode manifest(String name) throws IOException {
        List<JsonNode> documents = documents(DOCKER.resolve("kubernetes").resolve(name));
        assertThat(documents).as(name).hasSize(1);
        return documents.get(0);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
