package io.cxpulse.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a replay read and wrote, printed when it ends; {@code lateForMetrics}: the dead letters of
 * events the metrics windows set aside as too late (one per dimension value and window size).
 */
record ReplaySummary(Map<String, InputCounts> inputs, Map<String, Long> outputs, long lateForMetrics,
        Path outputDir) {

    /** Per input file: lines read = accepted + dead letters + duplicates. */
    record InputCounts(long read, long deadLetters, long duplicates) {
        long accepted() {
            return read - deadLetters - duplicates;
        }
    }

    String render() {
        StringBuilder out = new StringBuilder("replay finished\n");
        out.append(String.format("  %-18s %10s %10s %12s %10s%n", "input", "records", "accepted", "dead letters", "duplicates"));
        if (inputs.isEmpty()) {
            out.append("  (no input files)\n");
        }
        inputs.forEach((file, c) -> out.append(String.format("  %-18s %10d %10d %12d %10d%n",
                file, c.read(), c.accepted(), c.deadLetters(), c.duplicates())));
        out.append(String.format("  too late for the metrics windows: %d (in %s, reason LATE)%n", lateForMetrics,
                Replay.DEAD_LETTER_FILE));
        out.append("  output in ").append(outputDir).append(':');
        outputs.forEach((file, lines) -> out.append(' ').append(file).append('=').append(lines));
        return out.toString();
    }
}
