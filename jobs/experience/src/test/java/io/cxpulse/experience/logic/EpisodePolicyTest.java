package io.cxpulse.experience.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.schema.AlertStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EpisodePolicyTest {

    private static final long NINE_AM = 1_763_629_200_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final EpisodePolicy policy = new EpisodePolicy(Duration.ofHours(24));

    @Test
    void theFirstSignalOpensAnEpisodeAndLaterOnesUpdateIt() {
        EpisodePolicy.Transition first = policy.onSignal(null, NINE_AM);
        assertThat(first.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(first.episode().startMs).isEqualTo(NINE_AM);

        EpisodePolicy.Transition second = policy.onSignal(first.episode(), NINE_AM + 2 * HOUR);
        assertThat(second.status()).isEqualTo(AlertStatus.UPDATE);
        assertThat(second.episode().startMs).as("same episode, same alert id").isEqualTo(NINE_AM);
        assertThat(second.episode().alerts).isEqualTo(2);
        assertThat(policy.quietUntilMs(second.episode())).isEqualTo(NINE_AM + 26 * HOUR);
    }

    @Test
    void aSignalAfterTheQuietPeriodOpensANewEpisode() {
        Episode episode = policy.onSignal(null, NINE_AM).episode();

        assertThat(policy.isOver(episode, NINE_AM + 24 * HOUR - 1)).isFalse();
        assertThat(policy.isOver(episode, NINE_AM + 24 * HOUR)).isTrue();
        EpisodePolicy.Transition next = policy.onSignal(episode, NINE_AM + 30 * HOUR);
        assertThat(next.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(next.episode().startMs).isEqualTo(NINE_AM + 30 * HOUR);
    }

    @Test
    void aLateSignalInsideTheEpisodeDoesNotMoveItsQuietPeriodBack() {
        Episode episode = policy.onSignal(null, NINE_AM + 5 * HOUR).episode();
        policy.onSignal(episode, NINE_AM + 3 * HOUR);

        assertThat(episode.lastSignalMs).isEqualTo(NINE_AM + 5 * HOUR);
    }
}
