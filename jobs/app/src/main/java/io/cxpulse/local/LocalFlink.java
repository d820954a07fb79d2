package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.runtime.FlinkSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private LocalFlink(StreamExecutionEnvironment env, int webPort) {
        this.env = env;
        this.webPort = webPort;
    }

    /** An environment with CX Pulse's checkpointing and state settings, at {@code parallelism}. */
    public static LocalFlink create(CxPulseConfig config, int parallelism) throws IOException {
        int port = freePort();
        Configuration conf = FlinkSettings.toConfiguration(config);
        if (config.checkpoints().directory() == null) {
            // Flink's in-memory checkpoint storage caps a state handle at 5 MiB, which a few
            // minutes of traffic outgrow; checkpoints go to a temporary directory instead.
            Path dir = Files.createTempDirectory("cxpulse-checkpoints-");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        }
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        return new LocalFlink(env, port);
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
