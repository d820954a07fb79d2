package io.cxpulse.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A real Flink standalone cluster on this host: a JobManager and TaskManagers as separate JVM
 * processes started from Maven Central jars ({@link Distribution#lib()}, nothing of CX Pulse on
 * their classpath), the way flink-dist's scripts start them: the memory options that
 * {@code BashJavaUtils} computes from the configuration, Flink's {@code --add-opens} list, a
 * {@code conf/config.yaml}, logs in {@code log/}. Everything binds to loopback.
 *
 * <p>Two modes. A session cluster ({@code StandaloneSessionClusterEntrypoint}) takes jobs by
 * REST ({@link #rest()}); only it may enable jar upload, and only here, where it listens on
 * loopback. An application cluster ({@code StandaloneApplicationClusterEntryPoint}) runs the job
 * jar from {@code usrlib/} with the given arguments, as the {@code apache/flink} image's
 * {@code standalone-job} does in {@code docker/compose.yaml}. With high availability, a
 * ZooKeeper process (Flink's own {@code FlinkZooKeeperQuorumPeer}) holds the leader and the
 * pointers to the jobs and their checkpoints, {@code ha/} the metadata, so a JobManager started
 * again after a crash resumes the jobs from their last checkpoint by itself.
 *
 * <p>Processes can be killed ({@code kill -9}) and started again: the fault tests and
 * {@code cxpulse chaos} do.
 */
public final class FlinkCluster implements AutoCloseable {

    public static final String JOB_CLASS = "io.cxpulse.pipeline.CxPulseJob";
    public static final String JOB_JAR_NAME = "cxpulse-pipeline.jar";

    private static final String SESSION = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String APPLICATION = "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String ZOOKEEPER = "org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Where the cluster's jars are: Flink's lib directory and the CX Pulse job jar. */
    public record Distribution(Path lib, Path jobJar) {

        /**
         * From the system properties {@code cxpulse.flink.lib} and {@code cxpulse.job.jar}, which
         * the build ({@code cluster/target/flink-lib}, {@code jobs/pipeline/target/cxpulse-pipeline.jar})
         * and the {@code cxpulse} launcher set.
         */
        public static Distribution fromSystemProperties() {
            Path lib = path("cxpulse.flink.lib");
            Path jar = path("cxpulse.job.jar");
            if (!Files.isDirectory(lib) || !Files.isRegularFile(jar)) {
                throw new IllegalStateException("Flink's lib directory (" + lib + ") or the job jar (" + jar
                        + ") is missing: build them with `mvn -DskipTests package` (./cxpulse does)");
            }
            return new Distribution(lib, jar);
        }

        private static Path path(String property) {
            String value = System.getProperty(property);
            if (value == null) {
                throw new IllegalStateException("system property " + property + " is not set");
            }
            return Path.of(value).toAbsolutePath().normalize();
        }
    }

    /** What to start; see {@link #builder}. */
    public static final class Builder {
        private final Distribution distribution;
        private final Path directory;
        private int taskManagers = 2;
        private int slots = 1;
        private boolean webSubmit;
        private boolean highAvailability;
        private List<String> applicationArgs;
        private String fromSavepoint;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder(Distribution distribution, Path directory) {
            this.distribution = distribution;
            this.directory = directory;
        }

        public Builder taskManagers(int n) {
            this.taskManagers = n;
            return this;
        }

        public Builder slotsPerTaskManager(int n) {
            this.slots = n;
            return this;
        }

        /** Jar upload and run by REST (a session cluster's {@code web.submit.enable}); off by default. */
        public Builder webSubmit(boolean enabled) {
            this.webSubmit = enabled;
            return this;
        }

        public Builder highAvailability(boolean enabled) {
            this.highAvailability = enabled;
            return this;
        }

        /** Application mode: the job jar's {@link #JOB_CLASS} runs with these arguments. */
        public Builder application(List<String> args) {
            this.applicationArgs = List.copyOf(args);
            return this;
        }

        public Builder fromSavepoint(String savepoint) {
            this.fromSavepoint = savepoint;
            return this;
        }

        /** An environment variable for every process (the job's main reads {@code CXPULSE_*}). */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** A Flink setting in {@code config.yaml}, over the harness's own. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public FlinkCluster start() throws IOException, InterruptedException {
            FlinkCluster cluster = new FlinkCluster(this);
            try {
                cluster.startAll();
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    private final Builder options;
    private final Path home;
    private final Path conf;
    private final Path logs;
    private final int restPort;
    private final FlinkRest rest;
    private final List<ClusterProcess> taskManagers = new ArrayList<>();
    private ClusterProcess jobManager;
    private ClusterProcess zooKeeper;
    private int jobManagersStarted;
    private int taskManagersStarted;
    private List<String> jmJvm;
    private List<String> jmDynamic;
    private List<String> tmJvm;
    private List<String> tmDynamic;

    private FlinkCluster(Builder options) throws IOException {
        this.options = options;
        this.home = options.directory.toAbsolutePath();
        this.conf = Files.createDirectories(home.resolve("conf"));
        this.logs = Files.createDirectories(home.resolve("log"));
        this.restPort = freePort();
        this.rest = new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    }

    public static Builder builder(Distribution distribution, Path directory) {
        return new Builder(distribution, directory);
    }

    public FlinkRest rest() {
        return rest;
    }

    /** The cluster's directory: {@code conf/}, {@code log/}, {@code checkpoints/}, {@code savepoints/}. */
    public Path home() {
        return home;
    }

    public String savepointDirectory() {
        return home.resolve("savepoints").toUri().toString();
    }

    public Path logs() {
        return logs;
    }

    public long jobManagerPid() {
        return jobManager.pid();
    }

    /** The process ids of every process of the cluster still running. */
    public synchronized List<Long> pids() {
        List<ClusterProcess> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        if (zooKeeper != null) {
            all.add(zooKeeper);
        }
        return all.stream().filter(ClusterProcess::isAlive).map(ClusterProcess::pid).toList();
    }

    private void startAll() throws IOException, InterruptedException {
        int rpcPort = freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        config.put("jobmanager.bind-host", "localhost");
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(options.slots));
        config.put("taskmanager.memory.process.size", "1280m");
        config.put("taskmanager.memory.managed.size", "32m");
        config.put("parallelism.default", "2");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("web.submit.enable", Boolean.toString(options.webSubmit));
        config.put("web.cancel.enable", Boolean.toString(options.webSubmit));
        config.put("web.upload.dir", home.resolve("upload").toString());
        config.put("io.tmp.dirs", Files.createDirectories(home.resolve("tmp")).toString());
        config.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
        config.put("execution.checkpointing.savepoint-dir", home.resolve("savepoints").toUri().toString());
        // A TaskManager killed is noticed within seconds, not after the 50 s default.
        config.put("heartbeat.interval", "2000");
        config.put("heartbeat.timeout", "10000");
        config.put("web.exception-history-size", "1000");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "1000");
        config.put("restart-strategy.fixed-delay.delay", "1 s");
        if (options.highAvailability) {
            int zkPort = freePort();
            config.putAll(highAvailabilitySettings("127.0.0.1:" + zkPort, home.resolve("ha").toUri().toString()));
            startZooKeeper(zkPort);
        }
        config.putAll(options.settings);
        Files.writeString(conf.resolve("config.yaml"), config.entrySet().stream()
                .map(e -> e.getKey() + ": " + quoted(e.getValue()))
                .collect(Collectors.joining("\n", "# written by io.cxpulse.cluster.FlinkCluster\n", "\n")));
        try (InputStream log4j = FlinkCluster.class.getResourceAsStream("log4j-cluster.properties")) {
            Files.copy(log4j, conf.resolve("log4j.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        // The layout of flink-dist and the apache/flink image: lib/ and usrlib/ side by side, found
        // from FLINK_LIB_DIR (application mode runs the jars in usrlib/)
        Path lib = home.resolve("lib");
        if (!Files.exists(lib)) {
            Files.createSymbolicLink(lib, options.distribution.lib());
        }
        if (options.applicationArgs != null) {
            Path usrlib = Files.createDirectories(home.resolve("usrlib"));
            Files.copy(options.distribution.jobJar(), usrlib.resolve(JOB_JAR_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> jm = resourceParams("GET_JM_RESOURCE_PARAMS");
        jmJvm = split(jm.get(0));
        jmDynamic = split(jm.get(1));
        List<String> tm = resourceParams("GET_TM_RESOURCE_PARAMS");
        tmJvm = split(tm.get(0));
        tmDynamic = split(tm.get(1));

        startJobManager();
        for (int i = 0; i < options.taskManagers; i++) {
            startTaskManager();
        }
        await("the REST endpoint at " + rest.base(), Duration.ofSeconds(90), rest::isUp);
        awaitTaskManagers(options.taskManagers);
    }

    /** The Flink settings of JobManager high availability on ZooKeeper, as {@code docker/compose.yaml} has them. */
    public static Map<String, String> highAvailabilitySettings(String quorum, String storageDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("high-availability.type", "zookeeper");
        settings.put("high-availability.zookeeper.quorum", quorum);
        settings.put("high-availability.storageDir", storageDir);
        settings.put("high-availability.cluster-id", "cxpulse");
        return settings;
    }

    /**
     * What an application cluster's entry point is given to run the CX Pulse job with {@code jobArgs}:
     * the arguments of the {@code apache/flink} image's {@code standalone-job} in
     * {@code docker/compose.yaml} (a test holds the two together).
     */
    public static List<String> applicationArguments(List<String> jobArgs) {
        List<String> args = new ArrayList<>(List.of("--job-classname", JOB_CLASS));
        args.addAll(jobArgs);
        return args;
    }

    /** Starts a JobManager (again, after {@link #killJobManager()}). */
    public synchronized void startJobManager() throws IOException {
        List<String> command = java(jmJvm, "jobmanager-" + jobManagersStarted);
        command.add(options.applicationArgs == null ? SESSION : APPLICATION);
        command.addAll(List.of("--configDir", conf.toString()));
        command.addAll(jmDynamic);
        if (options.applicationArgs != null) {
            if (options.fromSavepoint != null) {
                command.addAll(List.of("--fromSavepoint", options.fromSavepoint));
            }
            command.addAll(applicationArguments(options.applicationArgs));
        }
        jobManager = ClusterProcess.start("jobmanager-" + jobManagersStarted++, command, environment(), logs);
    }

    /**
     * Runs Flink's command-line client ({@code flink ARGS}, as flink-dist's {@code bin/flink}
     * does) against this cluster, in a process of its own; @return its exit code and output
     */
    public ClientRun flink(List<String> args) throws IOException, InterruptedException {
        List<String> command = java(List.of("-Xmx512m"), "flink-client");
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new ClientRun(process.exitValue(), output);
    }

    /** What the command-line client printed, and its exit code. */
    public record ClientRun(int exitCode, String output) {}

    /** {@code kill -9} of the JobManager. */
    public synchronized void killJobManager() throws InterruptedException {
        jobManager.kill();
    }

    /** Starts one more TaskManager; @return its name */
    public synchronized String startTaskManager() throws IOException {
        String name = "taskmanager-" + taskManagersStarted++;
        List<String> command = java(tmJvm, name);
        command.add(TASK_MANAGER);
        command.addAll(List.of("--configDir", conf.toString()));
        command.addAll(tmDynamic);
        taskManagers.add(ClusterProcess.start(name, command, environment(), logs));
        return name;
    }

    /** {@code kill -9} of the oldest TaskManager still running; @return its name */
    public synchronized String killTaskManager() throws InterruptedException {
        ClusterProcess victim = taskManagers.stream().filter(ClusterProcess::isAlive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TaskManager is running"));
        victim.kill();
        taskManagers.remove(victim);
        return victim.name();
    }

    public synchronized int runningTaskManagers() {
        return (int) taskManagers.stream().filter(ClusterProcess::isAlive).count();
    }

    /** Waits until {@code n} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int n) throws IOException, InterruptedException {
        await(n + " registered TaskManagers", Duration.ofSeconds(90), () -> {
            try {
                return rest.registeredTaskManagers() >= n;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Stops every process, TaskManagers first. */
    @Override
    public synchronized void close() throws InterruptedException {
        for (ClusterProcess tm : taskManagers) {
            tm.stop(10);
        }
        taskManagers.clear();
        if (jobManager != null) {
            jobManager.stop(15);
        }
        if (zooKeeper != null) {
            zooKeeper.stop(10);
        }
    }

    private void startZooKeeper(int port) throws IOException, InterruptedException {
        Path data = Files.createDirectories(home.resolve("zookeeper"));
        Path zooCfg = conf.resolve("zoo.cfg");
        Map<String, String> settings = zooKeeperSettings(data.toString(), port);
        settings.put("clientPortAddress", "127.0.0.1");
        Files.writeString(zooCfg, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        List<String> command = java(List.of("-Xmx256m"), "zookeeper");
        command.addAll(zooKeeperArguments(zooCfg.toString()));
        zooKeeper = ClusterProcess.start("zookeeper", command, Map.of(), logs);
        await("ZooKeeper on port " + port, Duration.ofSeconds(60), () -> accepts(port));
    }

    /**
     * What the JobManagers' high availability runs on: Flink's own single-node ZooKeeper
     * ({@code FlinkZooKeeperQuorumPeer}, what flink-dist's {@code zookeeper.sh} starts) with these
     * arguments; {@code docker/compose.yaml}'s {@code zookeeper} service runs the same.
     */
    public static List<String> zooKeeperArguments(String zooCfg) {
        return List.of(ZOOKEEPER, "--zkConfigFile", zooCfg, "--peerId", "0");
    }

    /** Its {@code zoo.cfg}, as {@code docker/zoo.cfg} has it (the harness adds a loopback {@code clientPortAddress}). */
    public static Map<String, String> zooKeeperSettings(String dataDir, int clientPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tickTime", "2000");
        settings.put("initLimit", "10");
        settings.put("syncLimit", "5");
        settings.put("dataDir", dataDir);
        settings.put("clientPort", Integer.toString(clientPort));
        settings.put("admin.enableServer", "false");
        return settings;
    }

    /** What flink-dist's scripts ask {@code BashJavaUtils} for: JVM options, then dynamic settings. */
    private List<String> resourceParams(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", classpath(), BASH_JAVA_UTILS, command,
                "--configDir", conf.toString()));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> results = new ArrayList<>();
        List<String> all = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                all.add(line);
                if (line.startsWith(RESULT_PREFIX)) {
                    results.add(line.substring(RESULT_PREFIX.length()));
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || results.size() < 2) {
            throw new IOException("BashJavaUtils " + command + " failed: " + String.join("\n", all));
        }
        return results.subList(results.size() - 2, results.size());
    }

    private List<String> java(List<String> jvmOptions, String logName) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(flinkJvmOptions());
        command.add("-Dlog.file=" + logs.resolve(logName + ".log"));
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.addAll(List.of("-cp", classpath()));
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(options.environment);
        env.put("FLINK_HOME", home.toString());
        env.put("FLINK_LIB_DIR", home.resolve("lib").toString());
        env.put("FLINK_CONF_DIR", conf.toString());
        return env;
    }

    private String classpath() {
        return options.distribution.lib().resolve("*").toString();
    }

    /** Flink's {@code --add-opens} and {@code --add-exports} for JDK 17, from the build (flink.jvm.opens). */
    static List<String> flinkJvmOptions() {
        try (InputStream in = FlinkCluster.class.getResourceAsStream("flink-jvm-options")) {
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_./:,\\- ]*") && !value.isEmpty() ? value : "'" + value.replace("'", "''") + "'";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; fails after {@code patience}. */
    public static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + patience.toSeconds() + " s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
