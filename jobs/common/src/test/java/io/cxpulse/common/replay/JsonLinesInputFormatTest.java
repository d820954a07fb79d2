package io.cxpulse.common.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.validate.IngestLimits;
import io.cxpulse.common.validate.ValidationRules;
import io.cxpulse.schema.SurveyResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesInputFormatTest {

    private static final IngestLimits LIMITS = new IngestLimits(ValidationRules.DEFAULT, 1 << 20, 4096);

    @TempDir
    Path dir;

    @Test
    void readsGoodLinesAndTurnsBadOnesIntoDeadLettersWithTheirLineNumbers() throws Exception {
        Path file = dir.resolve("surveys.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"event_id\":\"s1\",\"interaction_id\":\"call-1\",\"channel\":\"VOICE\",\"event_time\":\"2026-11-20T09:30:00Z\",\"customer_id\":\"C1\",\"csat\":2}",
                "",
                "{\"event_id\":\"s2\",\"interaction_id\":\"call-2\",\"channel\":\"VOICE\",\"event_time\":\"2026-11-20T09:31:00Z\",\"customer_id\":\"C2\",\"csat\":9}",
                "{not json",
                "{\"event_id\":\"s3\",\"interaction_id\":\"chat-9\",\"channel\":\"CHAT\",\"event_time\":1763631000000,\"customer_id\":\"C3\",\"nps\":10}",
                ""), StandardCharsets.UTF_8);

        JsonLinesInputFormat<SurveyResponse> format =
                new JsonLinesInputFormat<>(InputTopic.SURVEYS, LIMITS, "replay");
        List<Ingested<SurveyResponse>> read = new ArrayList<>();
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (StreamFormat.Reader<Ingested<SurveyResponse>> reader =
                format.createReader(new Configuration(), FileSystem.getLocalFileSystem().open(path))) {
            Ingested<SurveyResponse> next;
            while ((next = reader.read()) != null) {
                read.add(next);
            }
        }

        assertThat(read).hasSize(4);
        assertThat(read.get(0).record.getCsat()).isEqualTo(2);
        DeadLetter csat9 = read.get(1).deadLetter;
        assertThat(csat9.source).isEqualTo("surveys.jsonl");
        assertThat(csat9.offset).as("line number, counting the blank line").isEqualTo(3);
        assertThat(csat9.reason).isEqualTo("OUT_OF_RANGE");
        assertThat(new String(csat9.value, StandardCharsets.UTF_8)).contains("\"csat\":9");
        DeadLetter notJson = read.get(2).deadLetter;
        assertThat(notJson.offset).isEqualTo(4);
        assertThat(notJson.reason).isEqualTo("MALFORMED_JSON");
        assertThat(read.get(3).record.getNps()).isEqualTo(10);

        assertThat(DeadLetterJson.format(csat9))
                .contains("\"file\":\"surveys.jsonl\"", "\"line\":3", "\"reason\":\"OUT_OF_RANGE\"",
                        "\"error_message\":\"csat: 9 outside 1..5\"", "\"job\":\"replay\"");
    }

    private static final String CALL = "{\"event_id\":\"%s\",\"call_id\":\"call-1\",\"type\":\"QUEUED\","
            + "\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"%s\",\"queue\":\"billing\"}";

    private static String call(String eventId, String customerJson) {
        return String.format(CALL, eventId, customerJson);
    }

    private <T extends org.apache.avro.specific.SpecificRecordBase> List<Ingested<T>> readAll(
            InputTopic<T> input, IngestLimits limits, byte[] content) throws Exception {
        Path file = dir.resolve(input.replayFile());
        Files.write(file, content);
        List<Ingested<T>> read = new ArrayList<>();
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (StreamFormat.Reader<Ingested<T>> reader = new JsonLinesInputFormat<>(input, limits, "replay")
                .createReader(new Configuration(), FileSystem.getLocalFileSystem().open(path))) {
            Ingested<T> next;
            while ((next = reader.read()) != null) {
                read.add(next);
            }
        }
        return read;
    }

    @Test
    void aLineOverTheRecordLimitIsStreamedPastAndDeadLetteredWithItsSizeAndHash() throws Exception {
        IngestLimits limits = new IngestLimits(ValidationRules.DEFAULT, 1000, 100);
        byte[] huge = ("{\"event_id\":\"" + "x".repeat(5_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.writeBytes(call("e1", "C1").getBytes(StandardCharsets.UTF_8));
        content.write('\n');
        content.writeBytes(huge);
        content.write('\n');
        content.writeBytes(call("e2", "C2").getBytes(StandardCharsets.UTF_8));

        List<Ingested<io.cxpulse.schema.CallEvent>> read = readAll(InputTopic.CALLS, limits, content.toByteArray());

        assertThat(read).hasSize(3);
        assertThat(read.get(0).isValid()).isTrue();
        DeadLetter oversized = read.get(1).deadLetter;
        assertThat(oversized.reason).isEqualTo("OVERSIZED");
        assertThat(oversized.offset).isEqualTo(2);
        assertThat(oversized.errorMessage).isEqualTo("line of " + huge.length + " bytes, limit 1000");
        assertThat(oversized.value).hasSize(100).isEqualTo(java.util.Arrays.copyOf(huge, 100));
        assertThat(oversized.originalSize).isEqualTo(huge.length);
        assertThat(oversized.sha256).isEqualTo(org.apache.commons.codec.digest.DigestUtils.sha256Hex(huge));
        assertThat(oversized.truncated()).isTrue();
        assertThat(read.get(2).record.getCustomerId()).isEqualTo("C2");
    }

    @Test
    void invalidUtf8IsADeadLetterNotAReplacementCharacter() throws Exception {
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        for (int bad : new int[] {0xFF, 0xFE, 0x80}) {
            String line = call("e" + bad, "C@");
            int at = line.indexOf('@');
            content.writeBytes(line.substring(0, at).getBytes(StandardCharsets.UTF_8));
            content.write(bad);
            content.writeBytes(line.substring(at + 1).getBytes(StandardCharsets.UTF_8));
            content.write('\n');
        }

        List<Ingested<io.cxpulse.schema.CallEvent>> read = readAll(InputTopic.CALLS, LIMITS, content.toByteArray());

        assertThat(read).hasSize(3).allSatisfy(i -> {
            assertThat(i.isValid()).isFalse();
            assertThat(i.deadLetter.reason).isEqualTo("UNDECODABLE");
            assertThat(i.deadLetter.errorMessage).startsWith("not UTF-8: an ill-formed byte sequence at byte 107");
        });
        assertThat(DeadLetterJson.format(read.get(0).deadLetter)).contains("\"raw_base64\"").doesNotContain("\"raw\"");
    }

    @Test
    void aLoneSurrogateOrAControlCharacterInAnIdIsADeadLetterAndFreeTextKeepsItsContent() throws Exception {
        String chat = "{\"event_id\":\"c1\",\"chat_id\":\"chat-1\",\"type\":\"MESSAGE\",\"sender\":\"CUSTOMER\","
                + "\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C1\",\"text\":\"red \\u001b[31m alert\"}";
        byte[] calls = String.join("\n", call("e1", "C\\ud800"), call("e2", "C1\\u001b[2J"), call("e3", "C\\u202e1"),
                call("e4", "C\\ud83d\\ude00")).getBytes(StandardCharsets.UTF_8);

        List<Ingested<io.cxpulse.schema.CallEvent>> read = readAll(InputTopic.CALLS, LIMITS, calls);
        List<Ingested<io.cxpulse.schema.ChatEvent>> chats =
                readAll(InputTopic.CHATS, LIMITS, chat.getBytes(StandardCharsets.UTF_8));

        assertThat(read.get(0).deadLetter.reason).isEqualTo("UNDECODABLE");
        assertThat(read.get(0).deadLetter.errorMessage).contains("lone surrogate U+D800");
        assertThat(read.get(1).deadLetter.reason).isEqualTo("OUT_OF_RANGE");
        assertThat(read.get(1).deadLetter.errorMessage)
                .isEqualTo("customer_id: control or format character U+001B at character 2 (not allowed in an identifier)");
        assertThat(read.get(2).deadLetter.reason).isEqualTo("OUT_OF_RANGE");
        assertThat(read.get(3).record.getCustomerId()).as("an emoji is text, not a surrogate").isEqualTo("C😀");
        assertThat(chats.get(0).record.getText()).isEqualTo("red \u001b[31m alert");
    }

    @Test
    void anEchoCutInsideASurrogatePairStillWritesAsUtf8() throws Exception {
        // 79 ASCII characters, then emoji: the 80-character echo of the bad enum value ends inside a pair
        String value = "A".repeat(79) + "😀😀";
        String line = "{\"event_id\":\"e1\",\"call_id\":\"call-1\",\"type\":\"" + value
                + "\",\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C1\",\"queue\":\"q\"}";
        String loneEscape = "{\"event_id\":\"e2\",\"call_id\":\"call-1\",\"type\":\"\\ud800" + "B".repeat(90)
                + "\",\"event_time\":\"2026-11-20T09:00:00Z\",\"customer_id\":\"C1\",\"queue\":\"q\"}";

        List<Ingested<io.cxpulse.schema.CallEvent>> read = readAll(InputTopic.CALLS, LIMITS,
                (line + "\n" + loneEscape).getBytes(StandardCharsets.UTF_8));

        for (Ingested<io.cxpulse.schema.CallEvent> i : read) {
            assertThat(i.deadLetter.reason).isEqualTo("OUT_OF_RANGE");
            String json = DeadLetterJson.format(i.deadLetter);
            assertThat(io.cxpulse.common.text.Utf8Check.isWellFormed(json)).as(json).isTrue();
            assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(i.deadLetter.errorMessage)).isTrue();
        }
        assertThat(read.get(0).deadLetter.errorMessage).contains("A".repeat(79) + "😀…");
        assertThat(read.get(1).deadLetter.errorMessage).contains("'\\uD800BBB");
    }

    @Test
    void anEventMoreThanTheSkewAheadOfTheClockIsInTheFuture() throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-20T09:00:00Z"), java.time.ZoneOffset.UTC);
        IngestLimits limits = new IngestLimits(ValidationRules.DEFAULT.withClock(clock), 1 << 20, 4096);
        String soon = call("e1", "C1").replace("2026-11-20T09:00:00Z", "2026-11-20T09:59:59Z");
        String future = call("e2", "C1").replace("2026-11-20T09:00:00Z", "2099-06-01T00:00:00Z");

        List<Ingested<io.cxpulse.schema.CallEvent>> read = readAll(InputTopic.CALLS, limits,
                (soon + "\n" + future).getBytes(StandardCharsets.UTF_8));

        assertThat(read.get(0).isValid()).isTrue();
        assertThat(read.get(1).deadLetter.reason).isEqualTo("BAD_TIMESTAMP");
        assertThat(read.get(1).deadLetter.errorMessage)
                .isEqualTo("event_time: 2099-06-01T00:00:00Z is in the future (more than PT1H ahead of the clock)");
    }
}
