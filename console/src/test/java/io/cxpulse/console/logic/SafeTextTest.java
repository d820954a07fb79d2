package io.cxpulse.console.logic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void replacesControlCharactersAndDropsBidiOverrides() {
        assertThat(SafeText.clean("a\u0000b\u0007c\u009bd\u007fe", 100)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
        assertThat(SafeText.clean("invoice\u202Efdp.exe\u2066x\u2069\u200F", 100)).isEqualTo("invoicefdp.exex");
        assertThat(SafeText.clean("line\nbreak\ttab\r", 100)).isEqualTo("line break tab ");
    }

    @Test
    void leavesOrdinaryTextAloneIncludingChineseAndEmoji() {
        assertThat(SafeText.clean("我要投诉 — café 😡", 100)).isEqualTo("我要投诉 — café 😡");
        assertThat(SafeText.isClean("我要投诉", 100)).isTrue();
        assertThat(SafeText.isClean("bell\u0007", 100)).isFalse();
    }

    @Test
    void cutsLongTextWithAnEllipsisWithoutSplittingASurrogatePair() {
        assertThat(SafeText.clean("abcdef", 4)).isEqualTo("abc…");
        assertThat(SafeText.clean("ab😡😡", 4)).isEqualTo("ab…");
        assertThat(SafeText.clean(null, 4)).isNull();
    }
}
