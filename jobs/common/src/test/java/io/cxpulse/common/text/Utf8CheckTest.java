package io.cxpulse.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "43ff", "43fe", "4380", // C\xff, C\xfe, C\x80: the three ids that became one
        "c0af", "e080af", "f08080af", // overlong
        "eda080", "edbfbf",           // encoded surrogates
        "f4908080", "f5808080",       // beyond U+10FFFF
        "e282", "f09f98",             // truncated at the end
        "e2282a"                      // bad continuation
    })
    void refusesIllFormedSequences(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertThat(Utf8Check.isWellFormed(bytes, 0, bytes.length)).isFalse();
    }

    @Test
    void acceptsWellFormedTextOfEveryLength() {
        String text = "C037291 café 我要投诉 😀 \u007F\uFFFD";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Check.isWellFormed(bytes, 0, bytes.length)).isTrue();
        assertThat(Utf8Check.firstMalformed(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(7);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(8)];
            random.nextBytes(bytes);
            boolean jdk;
            try {
                decoder.reset().decode(ByteBuffer.wrap(bytes));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertThat(Utf8Check.isWellFormed(bytes, 0, bytes.length)).as(java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdk);
        }
    }

    @Test
    void findsALoneSurrogate() {
        assertThat(Utf8Check.firstLoneSurrogate("ab\uD800")).isEqualTo(2);
        assertThat(Utf8Check.firstLoneSurrogate("\uDC00ab")).isZero();
        assertThat(Utf8Check.firstLoneSurrogate("😀x")).isEqualTo(-1);
    }
}
