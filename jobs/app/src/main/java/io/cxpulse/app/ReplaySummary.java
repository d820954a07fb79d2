package io.cxpulse.app;

import io.cxpulse.common.time.LateEvents;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a replay read and wrote, printed when it ends: per input, records read = accepted + dead
 * letters + duplicates; then the events each operator dropped as too late (never silently) and
 * those it applied behind the watermark, out of order.
 */
record ReplaySummary(Map<String, InputCounts> inputs, Map<String, Long> outputs, LateEvents.Report late,
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
        out.append(String.format("  too late, dropped: %d%s%n", late.totalDropped(), breakdown(late.dropped())));
        long applied = late.applied().values().stream().mapToLong(Long::longValue).sum();
        if (applied > 0) {
            out.append(String.format("  behind the watermark, applied out of order: %d%s%n", applied,
                    breakdown(late.applied())));
        }
        out.append("  output in ").append(outputDir).append(':');
        outputs.forEach((file, lines) -> out.append(' ').append(file).append('=').append(lines));
        return out.toString();
    }

    /** " (operator n, ...)" for the operators with a count, or "". */
    private static String breakdown(Map<String, Long> byOperator) {
        StringBuilder parts = new StringBuilder();
        byOperator.forEach((operator, n) -> {
            if (n > 0) {
                parts.append(parts.length() == 0 ? " (" : ", ").append(operator).append(' ').append(n);
            }
        });
        return parts.length() == 0 ? "" : parts.append(')').toString();
    }
}
