package io.cxpulse.app;

import io.cxpulse.app.CxPulse.UsageException;
import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.console.ConsoleConfig;
import io.cxpulse.pipeline.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --config} file every command takes, read one way: a file that is missing,
 * unreadable or wrong is a usage error (one line, exit code 2), never a stack trace.
 */
final class CommandConfig {

    private CommandConfig() {}

    /** The shared settings (Kafka, topics, wire format...); the defaults when {@code file} is null. */
    static CxPulseConfig load(Path file) {
        requireReadable(file);
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Each job's section of the file; the defaults when {@code file} is null. */
    static Pipelines.JobConfigs jobs(Path file) {
        requireReadable(file);
        try {
            return Pipelines.JobConfigs.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The web console's section of the file ({@code console:}); the defaults when {@code file} is null. */
    static ConsoleConfig console(Path file) {
        requireReadable(file);
        try {
            return ConfigLoader.section(file, "console", ConsoleConfig.class, ConsoleConfig.DEFAULTS, System.getenv());
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void requireReadable(Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new UsageException("configuration file " + file + " does not exist or is not readable");
        }
    }
}
