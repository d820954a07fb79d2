package io.cxpulse.common.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermTrieTest {

    private final TermTrie trie = new TermTrie(List.of("不", "不错", "不满意", "满意", "12315"));

    @Test
    void findsTheLongestListedTermAtAPosition() {
        assertThat(trie.longestAt("很不满意啊", 1, end -> true)).isEqualTo(3);
        assertThat(trie.longestAt("很不错", 1, end -> true)).isEqualTo(2);
        assertThat(trie.longestAt("不好", 0, end -> true)).isEqualTo(1);
        assertThat(trie.longestAt("很满意", 1, end -> true)).isEqualTo(2);
    }

    @Test
    void findsNothingWhereNoTermStartsOrTheTextEndsFirst() {
        assertThat(trie.longestAt("很不满意", 0, end -> true)).isZero();
        assertThat(trie.longestAt("不满", 0, end -> end == 2)).isZero();
        assertThat(trie.longestAt("", 0, end -> true)).isZero();
    }

    @Test
    void anEndTheCallerRefusesFallsBackToTheLongestAcceptedOne() {
        assertThat(trie.longestAt("不满意", 0, end -> end < 3)).isEqualTo(1);
        assertThat(trie.longestAt("123150", 0, end -> end == 6)).isZero();
    }
}
