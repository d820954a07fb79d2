package io.cxpulse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The JobManager's REST API, the calls the cluster tests and {@code cxpulse chaos} make: upload
 * and run a jar ({@code programArgsList}: Flink 2.2 ignores {@code programArgs}), job state,
 * cancel, stop with a savepoint, checkpoints, metrics.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    /** A REST call the JobManager refused: its status and its errors. */
    public static final class RestException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RestException(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What to run of an uploaded jar. */
    public record Run(String entryClass, List<String> args, String savepointPath, boolean allowNonRestoredState) {

        public static Run of(String entryClass, List<String> args) {
            return new Run(entryClass, args, null, false);
        }
    }

    public URI base() {
        return base;
    }

    /** @return the id of the uploaded jar */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "cxpulse-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Duration.ofMinutes(2));
        String file = answer.path("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    /** Runs an uploaded jar's main on the JobManager; @return the job id */
    public String runJar(String jarId, Run run) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", run.entryClass());
        ArrayNode args = request.putArray("programArgsList");
        run.args().forEach(args::add);
        if (run.savepointPath() != null) {
            request.put("savepointPath", run.savepointPath());
            request.put("allowNonRestoredState", run.allowNonRestoredState());
        }
        return post("/jars/" + jarId + "/run", request, Duration.ofMinutes(2)).path("jobid").asText();
    }

    public void deleteJar(String jarId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).DELETE(), Duration.ofSeconds(30));
    }

    /** The jobs the cluster knows, with their state. */
    public List<JsonNode> jobs() throws IOException, InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        get("/jobs/overview").path("jobs").forEach(jobs::add);
        return jobs;
    }

    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return job(jobId).path("state").asText();
    }

    /** True when the job runs and every one of its tasks does. */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), Duration.ofSeconds(30));
    }

    /**
     * Stops the job with a savepoint and waits for it; {@code drain} first advances event time to
     * its end, closing every window and firing every timer, as the end of a replay does.
     *
     * @return the savepoint's location
     */
    public String stopWithSavepoint(String jobId, String directory, boolean drain, Duration patience)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", directory);
        request.put("drain", drain);
        String trigger = post("/jobs/" + jobId + "/stop", request, Duration.ofSeconds(30)).path("request-id").asText();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("stop with savepoint failed: "
                            + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse(""));
                }
                return operation.path("location").asText();
            }
            Thread.sleep(250);
        }
        throw new IOException("stop with savepoint did not complete within " + patience.toSeconds() + " s");
    }

    /** When the job last entered {@code state} (RESTARTING, say), in epoch milliseconds; 0 if it never did. */
    public long lastEntered(String jobId, String state) throws IOException, InterruptedException {
        return job(jobId).path("timestamps").path(state).asLong(0);
    }

    /**
     * The failures the job restarted from, as its exception history counts them (at most
     * {@code web.exception-history-size}).
     */
    public int failures(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** Completed checkpoints of a job so far. */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** One of the JobManager's own metrics ({@code Status.JVM.Memory.Metaspace.Used}, say); -1 when absent. */
    public long jobManagerMetric(String name) throws IOException, InterruptedException {
        return metricValue(get("/jobmanager/metrics?get=" + name));
    }

    /** One of a job's metrics ({@code numRestarts}, say); -1 when absent. */
    public long jobMetric(String jobId, String name) throws IOException, InterruptedException {
        return metricValue(get("/jobs/" + jobId + "/metrics?get=" + name));
    }

    public int registeredTaskManagers() throws IOException, InterruptedException {
        return get("/taskmanagers").path("taskmanagers").size();
    }

    /** True once the REST endpoint answers. */
    public boolean isUp() {
        try {
            get("/config");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), Duration.ofSeconds(30));
    }

    public JsonNode post(String path, JsonNode body, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), timeout);
    }

    private JsonNode send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new RestException(response.statusCode(), response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private static long metricValue(JsonNode metrics) {
        for (JsonNode metric : metrics) {
            return (long) Double.parseDouble(metric.path("value").asText("-1"));
        }
        return -1;
    }
}
