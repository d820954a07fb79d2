package io.cxpulse.bench;

import io.cxpulse.local.BrokerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's Kafka broker (KRaft) in a JVM of its own, started from the same jar, so its
 * CPU time is measured apart from the Flink process's.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** @param log where the broker's own log (standard error) goes */
    public static BrokerProcess start(Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(List.of(java, "-Xms2g", "-Xmx2g", "-cp",
                        System.getProperty("java.class.path"), BrokerMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(BrokerMain.READY_PREFIX)) {
                        return line.substring(BrokerMain.READY_PREFIX.length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String bootstrap = ready.get(90, TimeUnit.SECONDS);
            if (bootstrap == null) {
                throw new IOException("the broker process exited before it was ready");
            }
            return new BrokerProcess(process, bootstrap);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the broker process did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** CPU time the broker process has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
