package io.cxpulse.common.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.InputTopic;
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
                new JsonLinesInputFormat<>(InputTopic.SURVEYS, ValidationRules.DEFAULT, "replay");
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
}
