package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.runtime.FlinkSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM with its web UI on a free local port: what {@code demo} and
 * {@code bench} run the jobs on. The cluster starts with the job and stops when the job ends.
 */
public final class LocalFlink {

    private final StreamExecutionEnvironment env;
    private final int webPort;
    private final Path temporary;
    private final String savepoints;

    private LocalFlink(StreamExecutionEnvironment env, int webPort, Path temporary, String savepoints) {
        this.env = env;
        this.webPort = webPort;
        this.temporary = temporary;
        this.savepoints = savepoints;
    }

    /** An environment with CX Pulse's checkpointing and state settings, at {@code parallelism}. */
    public static LocalFlink create(CxPulseConfig config, int parallelism) throws IOException {
        int port = freePort();
        Configuration conf = FlinkSettings.toConfiguration(config);
        Path temporary = null;
        String savepoints;
        if (config.checkpoints().directory() == null) {
            // Flink's in-memory checkpoint storage caps a state handle at 5 MiB, which a few
            // minutes of traffic outgrow; checkpoints go to a temporary directory instead.
            temporary = Files.createTempDirectory("cxpulse-checkpoints-");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, temporary.toUri().toString());
            savepoints = temporary.resolve("savepoints").toUri().toString();
        } else {
            savepoints = config.checkpoints().directory().replaceAll("/+$", "") + "/savepoints";
        }
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        return new LocalFlink(env, port, temporary, savepoints);
    }

    /** Where a job stopped with a savepoint writes it. */
    public String savepointDirectory() {
        return savepoints;
    }

    /** Deletes the temporary checkpoint directory, if this cluster made one. */
    public void deleteTemporaryFiles() throws IOException {
        if (temporary == null || !Files.exists(temporary)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(temporary)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    public String webUi() {
        return "http://localhost:" + webPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
