package io.cxpulse.local;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.runtime.FlinkSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM with its web UI on a free local port: what {@code demo} and
 * {@code bench} run the jobs on. The cluster starts with the job and stops when the job ends.
 *
 * <p>Every Flink the command line starts in its own process ({@code run}, {@code demo}, {@code
 * replay}, {@code bench}) is locked down by {@link #lockDown}: nothing listens beyond loopback
 * unless the web UI is asked to, and its REST API never takes a jar to run or cancels a job.
 */
public final class LocalFlink {

    private final StreamExecutionEnvironment env;
    private final String webAddress;
    private final int webPort;
    private final Path temporary;
    private final String savepoints;

    private LocalFlink(StreamExecutionEnvironment env, String webAddress, int webPort, Path temporary,
            String savepoints) {
        this.env = env;
        this.webAddress = webAddress;
        this.webPort = webPort;
        this.temporary = temporary;
        this.savepoints = savepoints;
    }

    /** Where an embedded Flink listens unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * {@code conf} with an embedded cluster's network settings made safe: its JobManager, RPC and
     * blob server and TaskManager on loopback, its REST API and web UI on {@code webUiAddress},
     * and, whatever that address, no jar upload or run ({@code web.submit.enable: false}: a jar
     * posted to {@code /jars/upload} would run its {@code main} inside this process) and no job
     * cancellation ({@code web.cancel.enable: false}) through the REST API.
     */
    public static Configuration lockDown(Configuration conf, String webUiAddress) {
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(RestOptions.ADDRESS, webUiAddress);
        conf.set(RestOptions.BIND_ADDRESS, webUiAddress);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.CANCEL_ENABLE, false);
        return conf;
    }

    /** An environment with CX Pulse's checkpointing and state settings, at {@code parallelism}, on loopback. */
    public static LocalFlink create(CxPulseConfig config, int parallelism) throws IOException {
        return create(config, parallelism, LOOPBACK);
    }

    /** ... its web UI on {@code webUiAddress}. */
    public static LocalFlink create(CxPulseConfig config, int parallelism, String webUiAddress) throws IOException {
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
        lockDown(conf, webUiAddress);
        conf.set(RestOptions.PORT, port);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        return new LocalFlink(env, webUiAddress, port, temporary, savepoints);
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
        String host = webAddress.contains(":") ? "[" + webAddress + "]" : webAddress;
        return "http://" + host + ":" + webPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
