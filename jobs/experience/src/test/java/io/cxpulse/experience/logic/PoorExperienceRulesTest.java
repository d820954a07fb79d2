package io.cxpulse.experience.logic;

import io.cxpulse.common.interaction.Interaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.schema.Channel;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoorExperienceRulesTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-20T09:00:00Z");
    private final PoorExperienceRules rules = new PoorExperienceRules(ExperienceConfig.DEFAULTS);

    @Test
    void aHappyQuickResolvedCallIsNotAPoorExperience() {
        assertThat(rules.evaluate(call(Duration.ofSeconds(40), false, 0, false))).isEmpty();
    }

    @ParameterizedTest(name = "answered after {0} s: {1}")
    @CsvSource({"299, ''", "300, ''", "301, wait_s=301", "540, wait_s=540"})
    void aLongWaitBeforeAnswerIsPoorAboveFiveMinutes(long waitSeconds, String expectedCode) {
        List<Signal> signals = rules.evaluate(call(Duration.ofSeconds(waitSeconds), false, 0, false));
        assertThat(signals).extracting(Signal::code)
                .isEqualTo(expectedCode.isEmpty() ? List.of() : List.of(expectedCode));
    }

    @Test
    void aVeryLongWaitIsHighSeverity() {
        assertThat(rules.evaluate(call(Duration.ofMinutes(11), false, 0, false)))
                .singleElement().extracting(Signal::severity).isEqualTo(Severity.HIGH);
        assertThat(rules.evaluate(call(Duration.ofMinutes(7), false, 0, false)))
                .singleElement().extracting(Signal::severity).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void abandoningAfterTwoMinutesIsPoorButAQuickHangUpIsNot() {
        assertThat(rules.evaluate(call(Duration.ofSeconds(150), true, 0, false)))
                .extracting(Signal::code).containsExactly("abandoned_after_s=150");
        assertThat(rules.evaluate(call(Duration.ofSeconds(20), true, 0, false))).isEmpty();
    }

    @ParameterizedTest(name = "abandoned after {0} s: {1}")
    @CsvSource({"119, ''", "120, ''", "121, abandoned_after_s=121"})
    void abandoningIsPoorOnlyAfterMoreThanTwoMinutes(long waitSeconds, String expectedCode) {
        List<Signal> signals = rules.evaluate(call(Duration.ofSeconds(waitSeconds), true, 0, false));
        assertThat(signals).extracting(Signal::code)
                .isEqualTo(expectedCode.isEmpty() ? List.of() : List.of(expectedCode));
    }

    @Test
    void threeTransfersArePoorTwoAreNot() {
        assertThat(rules.evaluate(call(Duration.ofSeconds(30), false, 3, false)))
                .extracting(Signal::code).containsExactly("transfers=3");
        assertThat(rules.evaluate(call(Duration.ofSeconds(30), false, 2, false))).isEmpty();
    }

    @Test
    void theComplaintFlagIsASignal() {
        assertThat(rules.evaluate(call(Duration.ofSeconds(30), false, 0, true)))
                .extracting(Signal::code).containsExactly("complaint");
    }

    @Test
    void anAngryChatWithEscalationWordsIsHighSeverity() {
        Interaction chat = new Interaction("chat-1", Interaction.Channel.CHAT, "C1", "web", "a1", "t1",
                NINE_AM, NINE_AM.plusSeconds(600), Duration.ofSeconds(20), Duration.ofSeconds(580), 0, false,
                false, false, null, false, -0.7, 2, List.of("投诉"));

        List<Signal> signals = rules.evaluate(chat);

        assertThat(signals).extracting(Signal::code).containsExactly("escalation=投诉", "negative_chat");
        assertThat(PoorExperienceRules.severityOf(signals)).isEqualTo(Severity.HIGH);
    }

    @Test
    void aNeutralChatIsQuiet() {
        Interaction chat = new Interaction("chat-2", Interaction.Channel.CHAT, "C1", "web", "a1", "t1",
                NINE_AM, NINE_AM.plusSeconds(300), Duration.ofSeconds(20), Duration.ofSeconds(280), 0, false,
                true, false, null, false, 0.0, 0, List.of());

        assertThat(rules.evaluate(chat)).isEmpty();
    }

    @Test
    void severalSignalsMakeOneAssessmentOneLevelHigher() {
        List<Signal> signals = rules.evaluate(call(Duration.ofMinutes(7), false, 3, true));

        assertThat(signals).extracting(Signal::code).containsExactly("wait_s=420", "transfers=3", "complaint");
        assertThat(PoorExperienceRules.severityOf(signals)).isEqualTo(Severity.HIGH);
    }

    @ParameterizedTest(name = "csat {0}, nps {1} → {2}")
    @CsvSource(nullValues = "none", value = {
        "1, none, csat=1, HIGH",
        "2, none, csat=2, MEDIUM",
        "3, none, none, none",
        "5, 10, none, none",
        "none, 0, nps=0, HIGH",
        "none, 4, nps=4, MEDIUM",
        "none, 6, nps=6, LOW",
        "none, 7, none, none",
        "4, 8, none, none"})
    void surveysArePoorAtLowCsatOrDetractorNps(Integer csat, Integer nps, String code, Severity severity) {
        List<Signal> signals = rules.evaluate(survey(csat, nps));

        if (code == null) {
            assertThat(signals).isEmpty();
        } else {
            assertThat(signals).singleElement().satisfies(s -> {
                assertThat(s.code()).isEqualTo(code);
                assertThat(s.severity()).isEqualTo(severity);
            });
        }
    }

    @Test
    void aLowCsatFromADetractorIsOneAlertWithBothReasons() {
        List<Signal> signals = rules.evaluate(survey(1, 2));

        assertThat(signals).extracting(Signal::code).containsExactly("csat=1", "nps=2");
        assertThat(PoorExperienceRules.severityOf(signals)).isEqualTo(Severity.HIGH);
    }

    private static Interaction call(Duration wait, boolean abandoned, int transfers, boolean complaint) {
        Instant answered = NINE_AM.plus(wait);
        return new Interaction("call-1", Interaction.Channel.VOICE, "C1042", "billing", "agent-7", "team-blue",
                NINE_AM, answered.plusSeconds(abandoned ? 0 : 300), wait, abandoned ? null : Duration.ofSeconds(300),
                transfers, abandoned, abandoned ? null : Boolean.TRUE, complaint, "refund", false, null, 0, List.of());
    }

    private static SurveyResponse survey(Integer csat, Integer nps) {
        return SurveyResponse.newBuilder()
                .setEventId("s1").setInteractionId("call-1").setChannel(Channel.VOICE)
                .setEventTime(NINE_AM).setCustomerId("C1042").setCsat(csat).setNps(nps)
                .build();
    }
}
