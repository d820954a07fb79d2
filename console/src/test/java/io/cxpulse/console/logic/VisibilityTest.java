package io.cxpulse.console.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.SubjectType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    private static final User BLUE_SUPERVISOR = new User("ana", Set.of(Role.SUPERVISOR), Set.of("blue"));
    private static final User GREEN_SUPERVISOR = new User("bo", Set.of(Role.SUPERVISOR), Set.of("green"));
    private static final User OPERATIONS = new User("ops", Set.of(Role.OPERATIONS), Set.of());
    private static final User ADMIN = new User("root", Set.of(Role.ADMIN), Set.of());

    private static final Routing BLUE_CUSTOMER = new Routing("blue", SubjectType.CUSTOMER, "C1");
    private static final Routing BILLING_QUEUE = new Routing(null, SubjectType.QUEUE, "billing");
    private static final Routing SUPPLIER = new Routing(null, SubjectType.SUPPLIER, "WH-F");

    private final Visibility routedToQueueTeams = new Visibility(Map.of("billing", Set.of("blue")), true);
    private final Visibility operationsOnly = new Visibility(Map.of("billing", Set.of("blue")), false);

    @Test
    void aSupervisorSeesTheirTeamsAlertsAndNoOtherTeams() {
        assertThat(operationsOnly.canSee(BLUE_SUPERVISOR, BLUE_CUSTOMER)).isTrue();
        assertThat(operationsOnly.canSee(GREEN_SUPERVISOR, BLUE_CUSTOMER)).isFalse();
    }

    @Test
    void alertsWithoutATeamGoToOperationsNotToSupervisorsByDefault() {
        assertThat(operationsOnly.canSee(OPERATIONS, BILLING_QUEUE)).isTrue();
        assertThat(operationsOnly.canSee(OPERATIONS, SUPPLIER)).isTrue();
        assertThat(operationsOnly.canSee(BLUE_SUPERVISOR, BILLING_QUEUE)).isFalse();
        assertThat(operationsOnly.canSee(BLUE_SUPERVISOR, SUPPLIER)).isFalse();
    }

    @Test
    void queueAlertsReachTheSupervisorsOfTheTeamsServingTheQueueWhenConfigured() {
        assertThat(routedToQueueTeams.canSee(BLUE_SUPERVISOR, BILLING_QUEUE)).isTrue();
        assertThat(routedToQueueTeams.canSee(GREEN_SUPERVISOR, BILLING_QUEUE)).isFalse();
        assertThat(routedToQueueTeams.canSee(BLUE_SUPERVISOR, SUPPLIER)).isFalse();
        assertThat(routedToQueueTeams.canSee(BLUE_SUPERVISOR, new Routing(null, SubjectType.QUEUE, "returns")))
                .isFalse();
    }

    @Test
    void operationsDoNotSeeCustomerAlertsRoutedToATeamButAdminsSeeEverything() {
        assertThat(operationsOnly.canSee(OPERATIONS, BLUE_CUSTOMER)).isFalse();
        assertThat(operationsOnly.canSee(ADMIN, BLUE_CUSTOMER)).isTrue();
        assertThat(operationsOnly.canSee(ADMIN, SUPPLIER)).isTrue();
    }

    @Test
    void teamMetricsAreScopedLikeAlerts() {
        assertThat(operationsOnly.canSeeTeamMetrics(BLUE_SUPERVISOR, "blue")).isTrue();
        assertThat(operationsOnly.canSeeTeamMetrics(BLUE_SUPERVISOR, "green")).isFalse();
        assertThat(operationsOnly.canSeeTeamMetrics(OPERATIONS, "green")).isTrue();
    }
}
