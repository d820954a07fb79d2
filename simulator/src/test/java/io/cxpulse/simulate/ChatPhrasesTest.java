package io.cxpulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.chat.ChatSignals;
import io.cxpulse.common.chat.MessageSignal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulator's chat lines read to the product's own lexicon as the mood they are meant for. */
class ChatPhrasesTest {

    private final ChatSignals signals = ChatSignals.standard();

    @Test
    void contentAndNeutralLinesAreNeitherNegativeNorEscalating() {
        Stream.of(ChatPhrases.CONTENT_EN, ChatPhrases.CONTENT_ZH, ChatPhrases.OPENING_EN, ChatPhrases.OPENING_ZH,
                        ChatPhrases.AGENT_EN, ChatPhrases.AGENT_ZH)
                .flatMap(List::stream)
                .forEach(line -> {
                    MessageSignal s = signals.analyse(line);
                    assertThat(s.isNegative()).as("negative: %s (%s)", line, s).isFalse();
                    assertThat(s.hasEscalation()).as("escalating: %s (%s)", line, s).isFalse();
                });
    }

    @Test
    void contentLinesArePositive() {
        Stream.of(ChatPhrases.CONTENT_EN, ChatPhrases.CONTENT_ZH).flatMap(List::stream)
                .forEach(line -> assertThat(signals.analyse(line).sentiment()).as(line).isPositive());
    }

    @Test
    void unhappyLinesAreNegativeWithoutEscalating() {
        Stream.of(ChatPhrases.UNHAPPY_EN, ChatPhrases.UNHAPPY_ZH).flatMap(List::stream).forEach(line -> {
            MessageSignal s = signals.analyse(line);
            assertThat(s.isNegative()).as("%s (%s)", line, s).isTrue();
            assertThat(s.hasEscalation()).as("%s (%s)", line, s).isFalse();
        });
    }

    @Test
    void escalatingLinesCarryEscalationWords() {
        Stream.of(ChatPhrases.ESCALATING_EN, ChatPhrases.ESCALATING_ZH,
                        List.of(ChatPhrases.COMING_BACK_EN, ChatPhrases.COMING_BACK_ZH))
                .flatMap(List::stream)
                .forEach(line -> assertThat(signals.analyse(line).hasEscalation()).as(line).isTrue());
    }
}
