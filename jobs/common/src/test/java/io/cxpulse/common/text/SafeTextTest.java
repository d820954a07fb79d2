package io.cxpulse.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void cutsBetweenCodePointsNeverInsideASurrogatePair() {
        String emoji = "😀"; // two chars, one code point
        String text = "ab" + emoji + emoji;
        assertThat(SafeText.quote(text, 3)).isEqualTo("ab" + emoji + "…");
        assertThat(Utf8Check.isWellFormed(SafeText.quote(text, 3))).isTrue();
        assertThat(SafeText.quote(text, 4)).isEqualTo(text);
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheQuoteEncodesAsUtf8() {
        String quoted = SafeText.quote("C\uD800x", 80);
        assertThat(quoted).isEqualTo("C\\uD800x");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(quoted)).isTrue();
        assertThat(SafeText.neutralise("\uDC00")).isEqualTo("\\uDC00");
    }

    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(SafeText.neutralise("C1\u001B[31mred")).isEqualTo("C1\\u001B[31mred");
        assertThat(SafeText.neutralise("abc\u202Etxt.exe")).isEqualTo("abc\\u202Etxt.exe");
        assertThat(SafeText.neutralise("a\u0085b\u009Bc")).isEqualTo("a\\u0085b\\u009Bc");
        assertThat(SafeText.neutralise("zero\u200Bwidth\uFEFF")).isEqualTo("zero\\u200Bwidth\\uFEFF");
        assertThat(SafeText.neutralise("line\nbreak")).isEqualTo("line\\u000Abreak");
        assertThat(SafeText.neutralise("tag\uDB40\uDC41")).isEqualTo("tag\\uDB40\\uDC41");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        String text = "我要投诉 — café 😀 C037291";
        assertThat(SafeText.isInert(text)).isTrue();
        assertThat(SafeText.neutralise(text)).isSameAs(text);
        assertThat(SafeText.quote(text, 80)).isEqualTo(text);
    }

    @Test
    void quotingFoldsWhitespaceAndCountsCodePoints() {
        assertThat(SafeText.quote("a \t\n b", 80)).isEqualTo("a b");
        assertThat(SafeText.quote("abcdef", 3)).isEqualTo("abc…");
        assertThat(SafeText.quote(null, 3)).isEmpty();
    }
}
