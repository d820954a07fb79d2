package io.cxpulse.console.logic;

import static io.cxpulse.console.logic.Alerts.NINE_AM;
import static io.cxpulse.console.logic.Alerts.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionEntry;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.RecoveryOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlingTest {

    @Test
    void countsAnActionOnceWhenItIsReadAgainInALaterRecordsEarlierList() {
        AlertAction ack = action("x1", "a1", AlertActionType.ACKNOWLEDGE, "ana", NINE_AM, null);
        AlertAction close = AlertAction.newBuilder(
                        action("x2", "a1", AlertActionType.CLOSE, "ana", NINE_AM.plusSeconds(60), RecoveryOutcome.RECOVERED))
                .setEarlier(List.of(AlertActionEntry.newBuilder().setActionId("x1")
                        .setAction(AlertActionType.ACKNOWLEDGE).setActor("ana").setActionTime(NINE_AM).build()))
                .build();

        Handling h = Handling.NONE.with(ack).with(close).with(close);

        assertThat(h.entries()).extracting(Handling.Entry::actionId).containsExactly("x1", "x2");
        assertThat(h.state()).isEqualTo(Handling.State.CLOSED);
    }

    @Test
    void concurrentAcknowledgementsKeepTheFirstAsWhoAcknowledged() {
        Handling h = Handling.NONE
                .with(action("x2", "a1", AlertActionType.ACKNOWLEDGE, "bo", NINE_AM.plusSeconds(1), null))
                .with(action("x1", "a1", AlertActionType.ACKNOWLEDGE, "ana", NINE_AM, null));

        assertThat(h.acknowledgement().orElseThrow().actor()).isEqualTo("ana");
        assertThat(h.size()).isEqualTo(2);
    }

    @Test
    void ignoresActionsOfAKindItDoesNotKnow() {
        Handling h = Handling.NONE.with(action("x1", "a1", AlertActionType.UNKNOWN, "ana", NINE_AM, null));

        assertThat(h.entries()).isEmpty();
        assertThat(h.state()).isEqualTo(Handling.State.NEW);
    }
}
