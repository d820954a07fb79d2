package io.cxpulse.local;

import io.cxpulse.common.text.SafeText;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One terminal line per alert: its time (event time, the simulated clock in a demo), status,
 * severity, kind, subject and summary.
 * <pre>
 * 10:42:05  OPEN     HIGH     POOR_EXPERIENCE   CUSTOMER C1042    Customer C1042 rated CSAT 1 after a 9 min wait
 * </pre>
 */
public final class AlertLines {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private AlertLines() {}

    public static String format(Alert alert, Ansi ansi) {
        String severity = String.format("%-9s", alert.getSeverity());
        severity = switch (alert.getSeverity()) {
            case CRITICAL, HIGH -> ansi.red(severity);
            case MEDIUM -> ansi.yellow(severity);
            default -> severity;
        };
        String status = String.format("%-9s", alert.getStatus());
        status = alert.getStatus() == AlertStatus.RESOLVED ? ansi.green(status) : status;
        String line = CLOCK.format(alert.getEventTime()) + "  " + status + severity
                + String.format("%-18s%-9s%-14s", alert.getKind(), alert.getSubjectType(),
                        SafeText.neutralise(alert.getSubjectId()))
                + SafeText.neutralise(alert.getSummary());
        return alert.getStatus() == AlertStatus.RESOLVED ? ansi.dim(line) : line;
    }
}
