package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders as written: picocli formats descriptions, so a bare {@code %}
 * makes it print a warning on standard error and show the raw text instead.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAWarning() {
        Map<String, CommandLine> commands = CxPulse.commandLine().getSubcommands();
        assertThat(commands).containsKeys("run", "demo", "replay", "simulate", "score", "bench", "console", "topics");
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
                String help = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertThat(help).as(command.getKey()).contains("Usage: cxpulse " + command.getKey()).doesNotContain("%n");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
