package io.cxpulse.console.logic;

import static io.cxpulse.console.logic.Alerts.NINE_AM;
import static io.cxpulse.console.logic.Alerts.customerAlert;
import static io.cxpulse.console.logic.Alerts.queueAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    private static final Duration LINGER = Duration.ofMinutes(15);

    private static Episode episode(io.cxpulse.schema.Alert... records) {
        AlertBook book = new AlertBook(50);
        Episode e = null;
        for (io.cxpulse.schema.Alert a : records) {
            e = book.apply(a).orElseThrow();
        }
        return e;
    }

    @Test
    void filtersByTeamKindSeverityAndStatusTogether() {
        AlertFilter f = AlertFilter.parse(Map.of("team", List.of("blue"), "kind", List.of("poor_experience"),
                "severity", List.of("HIGH,CRITICAL"), "status", List.of("OPEN")));
        Episode blueHigh = episode(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.HIGH, NINE_AM));
        Episode blueLow = episode(customerAlert("a2", "blue", AlertStatus.OPEN, Severity.LOW, NINE_AM));
        Episode green = episode(customerAlert("a3", "green", AlertStatus.OPEN, Severity.HIGH, NINE_AM));
        Episode queue = episode(queueAlert("billing", AlertStatus.OPEN, NINE_AM));

        assertThat(f.matches(blueHigh, NINE_AM, LINGER)).isTrue();
        assertThat(f.matches(blueLow, NINE_AM, LINGER)).isFalse();
        assertThat(f.matches(green, NINE_AM, LINGER)).isFalse();
        assertThat(f.matches(queue, NINE_AM, LINGER)).isFalse();
    }

    @Test
    void searchFindsCustomerOrderAndSupplierIds() {
        Episode e = episode(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.HIGH, NINE_AM));

        assertThat(AlertFilter.parse(Map.of("q", List.of("ca1"))).matches(e, NINE_AM, LINGER)).isTrue();
        assertThat(AlertFilter.parse(Map.of("q", List.of("O-A1"))).matches(e, NINE_AM, LINGER)).isTrue();
        assertThat(AlertFilter.parse(Map.of("q", List.of("WH-F"))).matches(e, NINE_AM, LINGER)).isFalse();
    }

    @Test
    void aResolvedEpisodeLeavesTheDefaultFeedAfterTheLingerButStaysFindableByStatus() {
        Episode resolved = episode(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.HIGH, NINE_AM),
                customerAlert("a1", "blue", AlertStatus.RESOLVED, Severity.HIGH, NINE_AM.plusSeconds(60)));

        assertThat(AlertFilter.ALL.matches(resolved, NINE_AM.plus(Duration.ofMinutes(10)), LINGER)).isTrue();
        assertThat(AlertFilter.ALL.matches(resolved, NINE_AM.plus(Duration.ofMinutes(20)), LINGER)).isFalse();
        assertThat(AlertFilter.parse(Map.of("status", List.of("RESOLVED")))
                .matches(resolved, NINE_AM.plus(Duration.ofMinutes(20)), LINGER)).isTrue();
    }

    @Test
    void rejectsUnknownValuesAndBadLimits() {
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("kind", List.of("FIRE")))).hasMessageContaining("kind");
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("limit", List.of("0")))).hasMessageContaining("limit");
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("team", List.of("<b>")))).hasMessageContaining("team");
        assertThatThrownBy(() -> AlertFilter.parse(Map.of("q", List.of("x".repeat(101))))).hasMessageContaining("q");
    }
}
