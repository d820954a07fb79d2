package io.cxpulse.app;

import io.cxpulse.common.config.Secrets;
import io.cxpulse.common.io.TransactionTimeoutCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cxpulse} command line. */
@Command(
        name = "cxpulse",
        mixinStandardHelpOptions = true,
        versionProvider = CxPulse.Version.class,
        description = "CX Pulse: real-time customer-experience alerts and metrics on Flink and Kafka.",
        subcommands = {DemoCommand.class, ReplayCommand.class, RunCommand.class, SimulateCommand.class,
            ScoreCommand.class, BenchCommand.class, ConsoleCommand.class, ConsoleBenchCommand.class,
            TopicsCommand.class, ChaosCommand.class,
            CommandLine.HelpCommand.class})
public final class CxPulse {

    /** Exit code for a usage error: a missing directory, a bad option. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CxPulse());
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof UsageException || e instanceof TransactionTimeoutCheck.TooLongException) {
                command.getErr().println("cxpulse: " + Secrets.scrub(e.getMessage()));
                return EXIT_USAGE;
            }
            throw e;
        });
        return cli;
    }

    /** A problem with what the user asked for: one line on stderr and exit code 2, no stack trace. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CxPulse.class.getPackage().getImplementationVersion();
            return new String[] {"cxpulse " + (v == null ? "(development build)" : v)};
        }
    }
}
