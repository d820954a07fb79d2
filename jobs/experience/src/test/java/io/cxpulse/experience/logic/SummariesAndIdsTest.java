package io.cxpulse.experience.logic;

import io.cxpulse.common.alert.AlertIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummariesAndIdsTest {

    @Test
    void aSummaryReadsLikeASentence() {
        List<Signal> signals = List.of(
                new Signal("csat=1", "rated CSAT 1", Severity.HIGH, "csat", 1),
                new Signal("wait_s=540", "waited 9 min to be answered", Severity.MEDIUM, "wait_s", 540));

        assertThat(Summaries.customer("C1042", signals, 3, Duration.ofHours(72)))
                .isEqualTo("Customer C1042 rated CSAT 1, waited 9 min to be answered; 3rd unresolved contact in 72 h");
        assertThat(Summaries.customer("C7", List.of(), 4, Duration.ofHours(72)))
                .isEqualTo("Customer C7 is on their 4th unresolved contact in 72 h");
    }

    @Test
    void aSurveysSummarySaysWhatItsInteractionWasLike() {
        List<Signal> csat1 = List.of(new Signal("csat=1", "rated CSAT 1", Severity.HIGH, "csat", 1));

        assertThat(Summaries.customer("C1042", csat1, Duration.ofMinutes(9), 0, 3, Duration.ofHours(72)))
                .isEqualTo("Customer C1042 rated CSAT 1 after a 9 min wait; 3rd unresolved contact in 72 h");
        assertThat(Summaries.customer("C1042", csat1, Duration.ofSeconds(20), 2, 0, Duration.ofHours(72)))
                .isEqualTo("Customer C1042 rated CSAT 1 after a 20 s wait and 2 transfers");
        assertThat(Summaries.customer("C1042", csat1, null, 1, 0, Duration.ofHours(72)))
                .isEqualTo("Customer C1042 rated CSAT 1 after 1 transfer");
        assertThat(Summaries.customer("C1042", csat1, null, 0, 0, Duration.ofHours(72)))
                .as("not joined: the survey alone").isEqualTo("Customer C1042 rated CSAT 1");
    }

    @Test
    void ordinalsAreEnglish() {
        assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 112)).map(Summaries::ordinal)
                .containsExactly("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "112th");
    }

    @Test
    void theSameEpisodeAlwaysHasTheSameIdAndAnotherEpisodeAnother() {
        String id = AlertIds.of(AlertKind.POOR_EXPERIENCE, SubjectType.CUSTOMER, "C1042", 1_763_629_200_000L);

        assertThat(AlertIds.of(AlertKind.POOR_EXPERIENCE, SubjectType.CUSTOMER, "C1042", 1_763_629_200_000L))
                .isEqualTo(id);
        assertThat(AlertIds.of(AlertKind.POOR_EXPERIENCE, SubjectType.CUSTOMER, "C1042", 1_763_629_200_001L))
                .isNotEqualTo(id);
        assertThat(AlertIds.of(AlertKind.REPEAT_CONTACT, SubjectType.CUSTOMER, "C1042", 1_763_629_200_000L))
                .isNotEqualTo(id);
        assertThat(id).doesNotContain("C1042");
    }
}
