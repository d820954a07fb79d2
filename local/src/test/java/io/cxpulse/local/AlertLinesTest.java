package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.Alert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertLinesTest {

    @Test
    void controlCodesInAnAlertNeverReachTheTerminal() {
        Alert alert = TestRecords.poorExperienceAlert(Instant.parse("2026-11-20T09:00:00Z"));
        alert.setSubjectId("C1\u001b]0;pwned\u0007\u001b[2J");
        alert.setSummary("Customer C1\u001b[31m wrote \u202etxt.exe\u0085");

        String line = AlertLines.format(alert, new Ansi(false));

        assertThat(line).doesNotContainPattern("[\\p{Cc}\\p{Cf}]")
                .contains("C1\\u001B]0;pwned\\u0007\\u001B[2J", "\\u202Etxt.exe\\u0085");
    }

    @Test
    void colouredSeverityIsTheOnlyEscapeSequence() {
        Alert alert = TestRecords.poorExperienceAlert(Instant.parse("2026-11-20T09:00:00Z"));
        alert.setSummary("plain \u001b[1m bold");

        String line = AlertLines.format(alert, new Ansi(true));

        assertThat(line.replaceAll("\u001b\\[[0-9;]*m", "")).doesNotContain("\u001b");
        assertThat(line).contains("plain \\u001B[1m bold");
    }
}
