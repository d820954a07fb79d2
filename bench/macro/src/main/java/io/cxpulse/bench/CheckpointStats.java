package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.api.common.JobID;

/**
 * A running job's checkpoint statistics, as its cluster's REST API reports them ({@code
 * GET /jobs/<id>/checkpoints}): how many completed, how long they took end to end (median and
 * maximum), and how big the state of the latest one and of the largest one was.
 */
record CheckpointStats(long completed, long failed, double durationP50Ms, double durationMaxMs,
        long latestStateBytes, long maxStateBytes) {

    static final CheckpointStats NONE = new CheckpointStats(0, 0, Double.NaN, Double.NaN, 0, 0);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param webUi the cluster's REST address, e.g. {@code http://127.0.0.1:8081} */
    static CheckpointStats of(String webUi, JobID job) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(webUi + "/jobs/" + job + "/checkpoints")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("checkpoint statistics: HTTP " + response.statusCode());
        }
        return parse(JSON.readTree(response.body()));
    }

    /** Reads Flink's checkpoint statistics document. */
    static CheckpointStats parse(JsonNode stats) {
        JsonNode summary = stats.path("summary");
        JsonNode latest = stats.path("latest").path("completed");
        return new CheckpointStats(stats.path("counts").path("completed").asLong(0),
                stats.path("counts").path("failed").asLong(0),
                number(summary.path("end_to_end_duration").path("p50")),
                number(summary.path("end_to_end_duration").path("max")),
                latest.path("state_size").asLong(0),
                summary.path("state_size").path("max").asLong(0));
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
