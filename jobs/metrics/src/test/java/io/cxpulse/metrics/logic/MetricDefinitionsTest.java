package io.cxpulse.metrics.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.interaction.Interaction;
import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDefinitionsTest {

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration SL = Duration.ofSeconds(20);

    @Test
    void aContactAnsweredAtExactlyTheThresholdIsWithinTheServiceLevelOneSecondMoreIsNot() {
        MetricCounts atThreshold = MetricDefinitions.contact(handled(Duration.ofSeconds(20), true), true, SL);
        MetricCounts justOver = MetricDefinitions.contact(handled(Duration.ofSeconds(21), true), true, SL);

        assertThat(atThreshold.answeredWithinSl).isEqualTo(1);
        assertThat(justOver.answeredWithinSl).isZero();
        assertThat(atThreshold.contacts).isEqualTo(1);
        assertThat(atThreshold.handled).isEqualTo(1);
        assertThat(atThreshold.waitMsSum).isEqualTo(20_000);
        assertThat(atThreshold.handleMsSum).isEqualTo(300_000);
        assertThat(atThreshold.resolvedFirstContact).isEqualTo(1);
    }

    @Test
    void anAbandonedContactIsOfferedButNeitherHandledNorAddingWaitNorResolved() {
        Interaction abandoned = interaction(Duration.ofMinutes(3), null, true, null, 0);

        MetricCounts c = MetricDefinitions.contact(abandoned, true, SL);

        assertThat(c.contacts).isEqualTo(1);
        assertThat(c.abandoned).isEqualTo(1);
        assertThat(c.handled).isZero();
        assertThat(c.waitMsSum).as("ASA is over answered contacts").isZero();
        assertThat(c.answeredWithinSl).isZero();
        assertThat(c.resolvedFirstContact).isZero();
    }

    @Test
    void aResolvedRepeatContactIsNotResolvedOnFirstContactAndAnUnresolvedFirstOneIsNotEither() {
        assertThat(MetricDefinitions.contact(handled(Duration.ofSeconds(5), true), false, SL).resolvedFirstContact)
                .isZero();
        assertThat(MetricDefinitions.contact(handled(Duration.ofSeconds(5), false), true, SL).resolvedFirstContact)
                .isZero();
    }

    @Test
    void transfersAddUp() {
        assertThat(MetricDefinitions.contact(interaction(Duration.ofSeconds(5), Duration.ofMinutes(4), false, true, 3),
                true, SL).transfers).isEqualTo(3);
    }

    @Test
    void csatCountsFourAndFiveAsSatisfiedAndNpsSplitsPromotersPassivesAndDetractors() {
        assertThat(survey(5, 10)).extracting(c -> c.csatSatisfied, c -> c.npsPromoters, c -> c.npsDetractors)
                .containsExactly(1L, 1L, 0L);
        assertThat(survey(4, 9)).extracting(c -> c.csatSatisfied, c -> c.npsPromoters).containsExactly(1L, 1L);
        assertThat(survey(3, 8)).extracting(c -> c.csatSatisfied, c -> c.npsPromoters, c -> c.npsDetractors)
                .as("CSAT 3 is not satisfied; NPS 7-8 are passives").containsExactly(0L, 0L, 0L);
        assertThat(survey(1, 6)).extracting(c -> c.csatResponses, c -> c.npsDetractors).containsExactly(1L, 1L);
        MetricCounts csatOnly = survey(2, null);
        assertThat(csatOnly.csatResponses).isEqualTo(1);
        assertThat(csatOnly.npsResponses).as("no NPS answer, no NPS response").isZero();
    }

    @Test
    void ratiosAreRatiosOfSumsAndNullWithoutADenominator() {
        MetricCounts c = new MetricCounts();
        assertThat(MetricRatios.csatPct(c)).isNull();
        assertThat(MetricRatios.asaSeconds(c)).isNull();
        assertThat(MetricRatios.complaintRate(Dimension.SUPPLIER, c)).isNull();

        c.contacts = 4;
        c.handled = 3;
        c.abandoned = 1;
        c.answeredWithinSl = 2;
        c.waitMsSum = 45_000;
        c.handleMsSum = 900_000;
        c.resolvedFirstContact = 2;
        c.csatResponses = 3;
        c.csatSatisfied = 2;
        c.npsResponses = 4;
        c.npsPromoters = 2;
        c.npsDetractors = 1;
        c.complaints = 1;
        c.shipments = 50;
        assertThat(MetricRatios.csatPct(c)).isEqualTo(200.0 / 3);
        assertThat(MetricRatios.nps(c)).isEqualTo(25.0);
        assertThat(MetricRatios.asaSeconds(c)).isEqualTo(15.0);
        assertThat(MetricRatios.ahtSeconds(c)).isEqualTo(300.0);
        assertThat(MetricRatios.serviceLevelPct(c)).isEqualTo(50.0);
        assertThat(MetricRatios.abandonRate(c)).isEqualTo(0.25);
        assertThat(MetricRatios.fcrRate(c)).isEqualTo(2.0 / 3);
        assertThat(MetricRatios.complaintRate(Dimension.SUPPLIER, c)).as("per shipment").isEqualTo(0.02);
        assertThat(MetricRatios.complaintRate(Dimension.ALL, c)).as("per contact").isEqualTo(0.25);
        assertThat(MetricRatios.complaintRate(Dimension.AGENT, c)).as("complaints carry no agent").isNull();
    }

    @Test
    void aSurveyCountsUnderItsOwnChannelTeamAndAgentAndAShipmentUnderItsSupplier() {
        SurveyResponse s = TestRecords.survey("call-1", "C1", 5, 9, NINE);
        List<Contribution> survey = Contributions.survey(s);
        assertThat(survey).extracting(Contribution::key)
                .containsExactly("ALL|all", "CHANNEL|VOICE", "TEAM|team-blue", "AGENT|agent-7");
        assertThat(survey).allSatisfy(c -> assertThat(c.timeMs).isEqualTo(NINE.toEpochMilli()));
        assertThat(Contributions.shipment(TestRecords.shipped("o-1", "C1", "WH-A", NINE)))
                .extracting(Contribution::key).containsExactly("ALL|all", "SUPPLIER|WH-A");
    }

    @Test
    void anAbandonedCallWithoutAnAgentCountsUnderNoAgentOrTeam() {
        List<Contribution> out = Contributions.contact(interaction(Duration.ofMinutes(3), null, true, null, 0),
                new MetricCounts());
        assertThat(out).extracting(Contribution::key).containsExactly("ALL|all", "CHANNEL|VOICE", "QUEUE|billing");
    }

    private static MetricCounts survey(Integer csat, Integer nps) {
        return MetricDefinitions.survey(TestRecords.survey("call-1", "C1", csat, nps, NINE));
    }

    private static Interaction handled(Duration wait, boolean resolved) {
        return interaction(wait, Duration.ofMinutes(5), false, resolved, 0);
    }

    private static Interaction interaction(Duration wait, Duration handle, boolean abandoned, Boolean resolved,
            int transfers) {
        Instant ended = NINE.plus(wait).plus(handle == null ? Duration.ZERO : handle);
        return new Interaction("call-1", Interaction.Channel.VOICE, "C1", "billing",
                abandoned ? null : "agent-7", abandoned ? null : "team-blue", NINE, ended, wait, handle, transfers,
                abandoned, resolved, false, "refund", false, null, 0, List.of());
    }
}
