package io.cxpulse.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the cluster (a JobManager, a TaskManager, ZooKeeper), its standard output and
 * error in {@code <logs>/<name>.out}. {@link #kill()} is {@code kill -9}: no shut-down hook, no
 * goodbye to the JobManager, as a crashed machine.
 */
final class ClusterProcess {

    private final String name;
    private final Process process;

    private ClusterProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ClusterProcess start(String name, List<String> command, Map<String, String> environment, Path logs)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".out").toFile()));
        builder.environment().putAll(environment);
        return new ClusterProcess(name, builder.start());
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orderly shut-down; SIGKILL if it has not ended after {@code seconds}. */
    void stop(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
