package io.cxpulse.console.logic;

import static io.cxpulse.console.logic.Alerts.NINE_AM;
import static io.cxpulse.console.logic.Alerts.customerAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.RecoveryOutcome;
import io.cxpulse.schema.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionCheckTest {

    private static final User ANA = new User("ana", Set.of(Role.SUPERVISOR), Set.of("blue"));
    private int ids;

    private Episode fresh() {
        AlertBook book = new AlertBook(50);
        return book.apply(customerAlert("a1", "blue", AlertStatus.OPEN, Severity.HIGH, NINE_AM)).orElseThrow();
    }

    private ActionCheck.Decision check(Episode e, String action, String assignee, String note, String outcome) {
        return ActionCheck.check(new ActionRequest(action, assignee, note, outcome), e, ANA, NINE_AM.plusSeconds(60),
                "act-" + (++ids));
    }

    private Episode after(Episode e, ActionCheck.Decision d) {
        AlertAction record = ((ActionCheck.Accepted) d).record();
        return e.withHandling(e.handling().with(record), e.version() + 1);
    }

    @Test
    void acknowledgingWritesWhoAndWhenWithTheAlertsTeam() {
        ActionCheck.Decision d = check(fresh(), "acknowledge", null, null, null);

        AlertAction record = ((ActionCheck.Accepted) d).record();
        assertThat(record.getAction()).isEqualTo(AlertActionType.ACKNOWLEDGE);
        assertThat(record.getActor()).isEqualTo("ana");
        assertThat(record.getActionTime()).isEqualTo(NINE_AM.plusSeconds(60));
        assertThat(record.getAlertId()).isEqualTo("a1");
        assertThat(record.getTeamId()).isEqualTo("blue");
        assertThat(record.getEarlier()).isEmpty();
    }

    @Test
    void eachRecordCarriesTheEarlierActionsSoCompactionKeepsTheHistory() {
        Episode e = fresh();
        e = after(e, check(e, "ACKNOWLEDGE", null, null, null));
        e = after(e, check(e, "ASSIGN", "agent-7", null, null));
        AlertAction close = ((ActionCheck.Accepted) check(e, "CLOSE", null, "called back, voucher", "RECOVERED"))
                .record();

        assertThat(close.getEarlier()).extracting(x -> x.getAction())
                .containsExactly(AlertActionType.ACKNOWLEDGE, AlertActionType.ASSIGN);
        Handling fromLatestAlone = Handling.NONE.with(close);
        assertThat(fromLatestAlone.state()).isEqualTo(Handling.State.CLOSED);
        assertThat(fromLatestAlone.assignee().orElseThrow().assignee()).isEqualTo("agent-7");
        assertThat(fromLatestAlone.closing().orElseThrow().outcome()).isEqualTo(RecoveryOutcome.RECOVERED);
    }

    @ParameterizedTest(name = "{0} assignee={1} note={2} outcome={3}: 400")
    @CsvSource(nullValues = "null", value = {
        "DELETE, null, null, null",
        "null, null, null, null",
        "ACKNOWLEDGE, agent-7, null, null",
        "ASSIGN, null, null, null",
        "ASSIGN, '<script>', null, null",
        "NOTE, null, null, null",
        "NOTE, null, '   ', null",
        "NOTE, null, 'bell\u0007', null",
        "NOTE, agent-7, 'hello', null",
        "CLOSE, null, null, null",
        "CLOSE, null, null, SOLVED",
        "CLOSE, null, null, UNKNOWN",
        "CLOSE, agent-7, null, RECOVERED"
    })
    void refusesMalformedActionsAsBadRequests(String action, String assignee, String note, String outcome) {
        ActionCheck.Decision d = check(fresh(), action, assignee, note, outcome);

        assertThat(d).isInstanceOfSatisfying(ActionCheck.Refused.class, r -> assertThat(r.httpStatus()).isEqualTo(400));
    }

    @Test
    void refusesANoteLongerThanAThousandCharacters() {
        assertThat(check(fresh(), "NOTE", null, "x".repeat(1001), null)).isInstanceOf(ActionCheck.Refused.class);
        assertThat(check(fresh(), "NOTE", null, "x".repeat(1000), null)).isInstanceOf(ActionCheck.Accepted.class);
    }

    @Test
    void aClosedEpisodeTakesNotesButNothingElse() {
        Episode e = fresh();
        e = after(e, check(e, "CLOSE", null, null, "NO_ACTION_NEEDED"));

        assertThat(check(e, "ACKNOWLEDGE", null, null, null)).isEqualTo(new ActionCheck.Refused(409, "the episode is closed"));
        assertThat(check(e, "CLOSE", null, null, "RECOVERED")).isInstanceOf(ActionCheck.Refused.class);
        assertThat(check(e, "ASSIGN", "agent-7", null, null)).isInstanceOf(ActionCheck.Refused.class);
        assertThat(check(e, "NOTE", null, "customer wrote back", null)).isInstanceOf(ActionCheck.Accepted.class);
    }

    @Test
    void aSecondAcknowledgementIsAConflict() {
        Episode e = fresh();
        e = after(e, check(e, "ACKNOWLEDGE", null, null, null));

        ActionCheck.Decision again = check(e, "ACKNOWLEDGE", null, null, null);

        assertThat(again).isInstanceOfSatisfying(ActionCheck.Refused.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(409);
            assertThat(r.reason()).contains("ana");
        });
    }

    @Test
    void anEpisodeTakesAtMostTwoHundredActions() {
        Episode e = fresh();
        for (int i = 0; i < ActionCheck.MAX_ACTIONS; i++) {
            e = after(e, check(e, "NOTE", null, "note " + i, null));
        }

        assertThat(check(e, "NOTE", null, "one more", null)).isInstanceOfSatisfying(ActionCheck.Refused.class,
                r -> assertThat(r.httpStatus()).isEqualTo(409));
    }
}
