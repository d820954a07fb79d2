package io.cxpulse.experience.logic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatContactRuleTest {

    private static final Instant MONDAY_NINE_AM = Instant.parse("2026-11-16T09:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(72);

    private final RepeatContactRule rule = new RepeatContactRule(3, WINDOW);
    private final List<Contact> history = new ArrayList<>();

    @Test
    void alertsOnTheThirdUnresolvedContactWithin72Hours() {
        assertThat(rule.onContact(history, unresolved(0))).isZero();
        assertThat(rule.onContact(history, unresolved(20))).isZero();
        assertThat(rule.onContact(history, unresolved(45))).isEqualTo(3);
        assertThat(rule.onContact(history, unresolved(50))).as("and keeps counting").isEqualTo(4);
    }

    @Test
    void staysQuietForAResolvedRepeatCaller() {
        rule.onContact(history, resolved(0));
        rule.onContact(history, resolved(20));
        assertThat(rule.onContact(history, unresolved(45))).isZero();
    }

    @Test
    void aResolvedContactEndsTheStreak() {
        rule.onContact(history, unresolved(0));
        rule.onContact(history, unresolved(5));
        rule.onContact(history, resolved(10));
        assertThat(rule.onContact(history, unresolved(30))).isZero();
        assertThat(rule.onContact(history, unresolved(31))).isZero();
        assertThat(rule.onContact(history, unresolved(32))).isEqualTo(3);
    }

    @Test
    void contactsSpreadOverMoreThan72HoursDoNotCount() {
        rule.onContact(history, unresolved(0));
        rule.onContact(history, unresolved(40));
        assertThat(rule.onContact(history, unresolved(73))).as("the first one is 73 h old").isZero();
        assertThat(history).extracting(c -> c.interactionId).containsExactly("c40", "c73");
    }

    @Test
    void aContactArrivingOutOfOrderStillCounts() {
        rule.onContact(history, unresolved(0));
        rule.onContact(history, unresolved(30));
        assertThat(rule.onContact(history, unresolved(10))).as("only c0 came before it").isZero();
        assertThat(history).extracting(c -> c.interactionId).containsExactly("c0", "c10", "c30");
        assertThat(rule.onContact(history, unresolved(31))).isEqualTo(4);
    }

    @Test
    void theThirdContactCountsEvenWhenItFinallyResolvesTheIssue() {
        rule.onContact(history, unresolved(0));
        rule.onContact(history, unresolved(24));
        assertThat(rule.onContact(history, resolved(48))).isEqualTo(3);
    }

    @Test
    void aSurveyLearnsTheStreakOfTheLatestContactBeforeIt() {
        rule.onContact(history, unresolved(0));
        rule.onContact(history, unresolved(20));
        assertThat(rule.streakAt(history, at(21))).as("two contacts are not a streak yet").isZero();
        rule.onContact(history, unresolved(45));
        rule.onContact(history, unresolved(60));

        assertThat(rule.streakAt(history, at(46))).as("the third contact's").isEqualTo(3);
        assertThat(rule.streakAt(history, at(61))).isEqualTo(4);
        assertThat(rule.streakAt(history, at(-1))).as("before any contact").isZero();
        assertThat(rule.streakAt(history, at(60 + 72))).as("a window after the latest contact").isZero();
    }

    private static long at(int hoursAfterMonday) {
        return MONDAY_NINE_AM.plus(Duration.ofHours(hoursAfterMonday)).toEpochMilli();
    }

    private static Contact unresolved(int hoursAfterMonday) {
        return contact(hoursAfterMonday, false);
    }

    private static Contact resolved(int hoursAfterMonday) {
        return contact(hoursAfterMonday, true);
    }

    private static Contact contact(int hours, boolean resolved) {
        return new Contact(MONDAY_NINE_AM.plus(Duration.ofHours(hours)).toEpochMilli(), resolved, "c" + hours, "team-blue");
    }
}
