package io.cxpulse.console.logic;

import static io.cxpulse.console.logic.Alerts.NINE_AM;
import static io.cxpulse.console.logic.Alerts.action;
import static io.cxpulse.console.logic.Alerts.customerAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final Instant ONE_MINUTE_LATER = NINE_AM.plusSeconds(60);
    private static final Instant TWO_MINUTES_LATER = NINE_AM.plusSeconds(120);

    @Test
    void collapsesOpenUpdateAndResolvedIntoOneEpisodeShowingTheLatest() {
        AlertBook book = new AlertBook(50);
        book.apply(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.MEDIUM, NINE_AM));
        book.apply(customerAlert("a1", "blue", AlertStatus.UPDATE, Severity.HIGH, ONE_MINUTE_LATER));
        Episode e = book.apply(customerAlert("a1", "blue", AlertStatus.RESOLVED, Severity.HIGH, TWO_MINUTES_LATER))
                .orElseThrow();

        assertThat(book.size()).isEqualTo(1);
        assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(e.severity()).isEqualTo(Severity.HIGH);
        assertThat(e.updateCount()).isEqualTo(3);
        assertThat(e.openedAt()).isEqualTo(NINE_AM);
        assertThat(e.updatedAt()).isEqualTo(TWO_MINUTES_LATER);
        assertThat(e.doneAt()).contains(TWO_MINUTES_LATER);
    }

    @Test
    void aRepeatedRecordChangesNothing() {
        AlertBook book = new AlertBook(50);
        Alert open = customerAlert("a1", "blue", AlertStatus.OPEN, Severity.MEDIUM, NINE_AM);
        long first = book.apply(open).orElseThrow().version();

        assertThat(book.apply(open)).isEmpty();
        assertThat(book.version()).isEqualTo(first);
        assertThat(book.get("a1").orElseThrow().updateCount()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstAndTheLatestUpdatesOfALongEpisode() {
        AlertBook book = new AlertBook(3);
        for (int i = 0; i < 10; i++) {
            book.apply(customerAlert("a1", "blue", i == 0 ? AlertStatus.OPEN : AlertStatus.UPDATE, Severity.LOW,
                    NINE_AM.plusSeconds(i)));
        }
        Episode e = book.get("a1").orElseThrow();

        assertThat(e.updates()).extracting(AlertUpdate::detectedAt)
                .containsExactly(NINE_AM, NINE_AM.plusSeconds(8), NINE_AM.plusSeconds(9));
        assertThat(e.updateCount()).isEqualTo(10);
    }

    @Test
    void listsNewestUpdateFirst() {
        AlertBook book = new AlertBook(50);
        book.apply(customerAlert("old", "blue", AlertStatus.OPEN, Severity.LOW, NINE_AM));
        book.apply(customerAlert("new", "blue", AlertStatus.OPEN, Severity.LOW, ONE_MINUTE_LATER));
        book.apply(customerAlert("old", "blue", AlertStatus.UPDATE, Severity.LOW, TWO_MINUTES_LATER));

        assertThat(book.query(e -> true, 10)).extracting(Episode::alertId).containsExactly("old", "new");
    }

    @Test
    void anActionReadBeforeItsAlertJoinsTheEpisodeWhenTheAlertArrives() {
        AlertBook book = new AlertBook(50);
        assertThat(book.apply(action("x1", "a1", AlertActionType.ACKNOWLEDGE, "ana", NINE_AM, null), NINE_AM))
                .isEmpty();

        Episode e = book.apply(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.HIGH, NINE_AM)).orElseThrow();

        assertThat(e.handling().state()).isEqualTo(Handling.State.ACKNOWLEDGED);
    }

    @Test
    void episodesLeaveAfterTheHistoryHorizonOfTheirLastActivity() {
        AlertBook book = new AlertBook(50);
        book.apply(customerAlert("quiet", "blue", AlertStatus.OPEN, Severity.LOW, NINE_AM));
        book.apply(customerAlert("acted", "blue", AlertStatus.OPEN, Severity.LOW, NINE_AM));
        book.apply(action("x1", "acted", AlertActionType.ACKNOWLEDGE, "ana", TWO_MINUTES_LATER, null), TWO_MINUTES_LATER);

        List<Episode> removed = book.prune(ONE_MINUTE_LATER);

        assertThat(removed).extracting(Episode::alertId).containsExactly("quiet");
        assertThat(removed.get(0).version()).isEqualTo(book.version());
        assertThat(book.get("acted")).isPresent();
        assertThat(book.prune(TWO_MINUTES_LATER.plus(Duration.ofSeconds(1)))).extracting(Episode::alertId)
                .containsExactly("acted");
    }

    @Test
    void neutralisesHostileTextAsItComesIn() {
        AlertBook book = new AlertBook(50);
        Alert hostile = Alert.newBuilder(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.LOW, NINE_AM))
                .setSummary("<img src=x onerror=alert(1)>\u001b[31m red \u202Egnp.exe")
                .build();

        Episode e = book.apply(hostile).orElseThrow();

        assertThat(e.summary()).isEqualTo("<img src=x onerror=alert(1)>\uFFFD[31m red gnp.exe");
    }
}
