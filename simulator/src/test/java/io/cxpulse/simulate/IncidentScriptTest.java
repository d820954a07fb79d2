package io.cxpulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentScriptTest {

    private final World world = World.standard(1, 1000);

    @Test
    void theDefaultScriptHasOneIncidentOfEachKindAndFitsTheWorld() {
        IncidentScript script = IncidentScript.defaultScript();

        assertThat(script.incidents()).extracting(Incident::kind).containsExactlyInAnyOrder(IncidentKind.values());
        script.validateAgainst(world);
        assertThat(script.span()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void readsShortAndIsoDurationsAndDefaultsTheStrength() throws Exception {
        IncidentScript script = IncidentScript.parse("""
                incidents:
                  - kind: queue_overload
                    subject: billing
                    start: 90s
                    length: PT45M
                """);

        assertThat(script.incidents()).containsExactly(
                new Incident(IncidentKind.QUEUE_OVERLOAD, "billing", Duration.ofSeconds(90), Duration.ofMinutes(45), 5));
    }

    @Test
    void anEmptyScriptHasNoIncidents() throws Exception {
        assertThat(IncidentScript.parse("").incidents()).isEmpty();
        assertThat(IncidentScript.parse("incidents: []").incidents()).isEmpty();
    }

    @Test
    void mistakesAreErrorsNamingTheIncident() {
        assertThatThrownBy(() -> IncidentScript.parse("""
                incidents:
                  - kind: QUEUE_OVERLOAD
                    subject: billing
                    start: 0m
                    lenght: 1h
                """)).hasMessageContaining("incidents[0]").hasMessageContaining("lenght");
        assertThatThrownBy(() -> IncidentScript.parse("""
                incidents:
                  - {kind: METEOR, subject: billing, start: 0m, length: 1h}
                """)).hasMessageContaining("incidents[0]").hasMessageContaining("METEOR");
        assertThatThrownBy(() -> IncidentScript.parse("""
                incidents:
                  - {kind: BAD_SUPPLIER, subject: WH-A, start: 0m, length: 1h, strength: -2}
                """)).hasMessageContaining("strength");
        assertThatThrownBy(() -> IncidentScript.parse("suppliers: []")).hasMessageContaining("'incidents'");
    }

    @Test
    void aSubjectTheWorldDoesNotHaveIsAnError() throws Exception {
        IncidentScript script = IncidentScript.parse("""
                incidents:
                  - {kind: BAD_SUPPLIER, subject: WH-Z, start: 0m, length: 1h}
                """);

        assertThatThrownBy(() -> script.validateAgainst(world)).hasMessageContaining("WH-Z");
    }
}
