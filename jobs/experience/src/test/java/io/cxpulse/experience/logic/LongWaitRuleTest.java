package io.cxpulse.experience.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.schema.Severity;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LongWaitRuleTest {

    private static final long NINE_AM_MS = 1_763_629_200_000L;
    private static final long THREE_MINUTES_MS = Duration.ofMinutes(3).toMillis();

    /** The defaults: the oldest caller over 3 min, or 20 waiting at once; calm after 10 min. */
    private final LongWaitRule rule = new LongWaitRule(Duration.ofMinutes(3), 20, Duration.ofMinutes(10));

    @ParameterizedTest(name = "oldest waited {0} ms, {1} waiting: breached {2}")
    @CsvSource({
            "0, 1, false",
            "179999, 19, false",
            "180000, 19, false",  // exactly at the limit is fine
            "180001, 1, true",
            "10000, 20, true",    // twenty callers at once, however short their wait
            "10000, 0, false"})
    void aQueueIsInTroubleWhenItsOldestCallerPassesTheLimitOrTooManyWait(long oldestWaitMs, int waiting,
            boolean breached) {
        assertThat(rule.breached(oldestWaitMs, waiting)).isEqualTo(breached);
    }

    @ParameterizedTest(name = "oldest waited {0} ms, {1} waiting: {2}")
    @CsvSource({
            "180001, 1, MEDIUM",
            "360000, 1, MEDIUM",  // exactly twice the limit is not over it
            "360001, 1, HIGH",
            "10000, 39, MEDIUM",
            "10000, 40, HIGH"})
    void severityIsHighFromTwiceEitherLimit(long oldestWaitMs, int waiting, Severity severity) {
        assertThat(rule.severity(oldestWaitMs, waiting)).isEqualTo(severity);
    }

    @Test
    void withNoNewEventTheJudgementChangesWhenTheOldestCallerPassesTheLimitThenTwiceIt() {
        long queued = NINE_AM_MS;

        assertThat(rule.nextChangeMs(queued, queued)).isEqualTo(queued + THREE_MINUTES_MS + 1);
        assertThat(rule.nextChangeMs(queued, queued + THREE_MINUTES_MS)).isEqualTo(queued + THREE_MINUTES_MS + 1);
        assertThat(rule.nextChangeMs(queued, queued + THREE_MINUTES_MS + 1))
                .isEqualTo(queued + 2 * THREE_MINUTES_MS + 1);
        assertThat(rule.nextChangeMs(queued, queued + 2 * THREE_MINUTES_MS + 1))
                .as("nothing changes by waiting alone any more").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theNextChangeIsWhereTheRuleFlips() {
        long queued = NINE_AM_MS;
        long breach = rule.nextChangeMs(queued, queued);
        assertThat(rule.breached(breach - 1 - queued, 1)).isFalse();
        assertThat(rule.breached(breach - queued, 1)).isTrue();
        long high = rule.nextChangeMs(queued, breach);
        assertThat(rule.severity(high - 1 - queued, 1)).isEqualTo(Severity.MEDIUM);
        assertThat(rule.severity(high - queued, 1)).isEqualTo(Severity.HIGH);
    }

    @Test
    void theSummaryReadsLikeASentence() {
        assertThat(LongWaitRule.summary("billing", 190_000, 1)).isEqualTo("Queue billing: 1 caller waiting, the oldest for 3 min");
        assertThat(LongWaitRule.summary("vip", 45_000, 20)).isEqualTo("Queue vip: 20 callers waiting, the oldest for 45 s");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new LongWaitRule(Duration.ZERO, 20, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LongWaitRule(Duration.ofMinutes(3), 0, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
