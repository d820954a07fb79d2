package io.cxpulse.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxpulse replay} fed what a hostile or careless producer writes: each case is a defect
 * once found on this path (a future timestamp, an echo cut inside a surrogate pair, bytes that
 * are not UTF-8, control characters in an id, a line without end, links and FIFOs in place of
 * files). The run always ends with exit 0 or a clear usage error, every input line is accounted
 * for, and nothing is changed silently.
 */
class ReplayHostileInputITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TEN_AM = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path in;

    @TempDir
    Path out;

    private static String call(String id, String type, String customer, Instant at) {
        return "{\"event_id\":\"" + id + "-" + type + "\",\"call_id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"event_time\":\"" + at + "\",\"customer_id\":\"" + customer
                + "\",\"queue\":\"billing\",\"agent_id\":\"a1\",\"team_id\":\"team-blue\"}";
    }

    /** A handled call: queued, answered after 5 s, ended (unresolved) a minute later. */
    private static List<String> handledCall(String id, String customer, Instant queued) {
        return List.of(call(id, "QUEUED", customer, queued), call(id, "ANSWERED", customer, queued.plusSeconds(5)),
                call(id, "ENDED", customer, queued.plusSeconds(65)));
    }

    private List<JsonNode> lines(String file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(file), UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** The summary's counts for one input: read, accepted, dead letters, duplicates. */
    private static long[] counts(CliRun run, String file) {
        Matcher m = Pattern.compile(Pattern.quote(file) + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        long[] c = new long[4];
        for (int i = 0; i < 4; i++) {
            c[i] = Long.parseLong(m.group(i + 1));
        }
        assertThat(c[1] + c[2] + c[3]).as("accepted + dead letters + duplicates = read").isEqualTo(c[0]);
        return c;
    }

    @Test
    void anEventInTheFarFutureIsADeadLetterAndEveryLaterEventStillCounts() throws Exception {
        List<String> calls = new ArrayList<>(handledCall("call-future", "C9", Instant.parse("2099-06-01T00:00:00Z")));
        for (int i = 0; i < 100; i++) {
            calls.addAll(handledCall("call-" + i, "C" + i, TEN_AM.plusSeconds(10L * i)));
        }
        Files.write(in.resolve("calls.jsonl"), calls, UTF_8);

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> dead = lines("deadletter.jsonl");
        assertThat(dead).hasSize(3).allSatisfy(d -> {
            assertThat(d.get("reason").asText()).isEqualTo("BAD_TIMESTAMP");
            assertThat(d.get("error_message").asText()).contains("is in the future");
        });
        JsonNode hour = lines("metrics.jsonl").stream()
                .filter(m -> m.get("dimension").asText().equals("ALL")
                        && m.get("window_start").asText().equals("2026-11-20T10:00:00Z")
                        && m.get("window_end").asText().equals("2026-11-20T11:00:00Z"))
                .findFirst().orElseThrow();
        assertThat(hour.get("contacts").asLong()).isEqualTo(100);
        assertThat(hour.get("handled").asLong()).isEqualTo(100);
        assertThat(counts(run, "calls.jsonl")).containsExactly(303, 300, 3, 0);
        assertThat(run.out()).contains("too late, dropped: 0\n");
    }

    @Test
    void anEventTooLateToBeAssembledIsReportedWithTheOperatorThatDroppedIt() throws Exception {
        // Enough calls that the source emits watermarks (every 200 ms) while it reads them.
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            calls.addAll(handledCall("call-" + i, "C" + i, TEN_AM.plusMillis(100L * i)));
        }
        // an hour behind everything before it: far beyond the watermark's bound and any lateness
        calls.addAll(handledCall("call-late", "C-late", TEN_AM.minusSeconds(3600)));
        Files.write(in.resolve("calls.jsonl"), calls, UTF_8);

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(counts(run, "calls.jsonl")).containsExactly(60_003, 60_003, 0, 0);
        assertThat(run.out()).containsPattern("too late, dropped: 3 \\(interaction-assembler 3\\)");
        assertThat(lines("alerts.jsonl")).noneSatisfy(a -> assertThat(a.get("subject_id").asText()).isEqualTo("C-late"));
    }

    @Test
    void anErrorQuoteCutInsideASurrogatePairOrALoneSurrogateEscapeDoesNotCrashTheRun() throws Exception {
        // the echo of a bad enum value keeps 80 code points: 79 ASCII, then an emoji at the cut
        String splitEmoji = call("call-1", "A".repeat(79) + "😀😀", "C1", TEN_AM);
        String loneEscape = call("call-2", "\\ud800" + "B".repeat(90), "C2", TEN_AM);
        List<String> calls = new ArrayList<>(List.of(splitEmoji, loneEscape));
        calls.addAll(handledCall("call-3", "C3", TEN_AM));
        Files.write(in.resolve("calls.jsonl"), calls, UTF_8);

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] file = Files.readAllBytes(out.resolve("deadletter.jsonl"));
        UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(file));
        List<JsonNode> dead = lines("deadletter.jsonl");
        assertThat(dead).extracting(d -> d.get("line").asLong()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(dead).allSatisfy(d -> assertThat(d.get("reason").asText()).isEqualTo("OUT_OF_RANGE"));
        assertThat(dead).extracting(d -> d.get("error_message").asText())
                .anySatisfy(m -> assertThat(m).contains("A".repeat(79) + "😀…"))
                .anySatisfy(m -> assertThat(m).contains("\\uD800BBB"));
        assertThat(counts(run, "calls.jsonl")).containsExactly(5, 3, 2, 0);
    }

    @Test
    void idsThatAreNotUtf8OrHoldControlCharactersAreDeadLettersNotOneCustomer() throws Exception {
        ByteArrayOutputStream calls = new ByteArrayOutputStream();
        int n = 0;
        for (int bad : new int[] {0xFF, 0xFE, 0x80}) {
            for (String line : handledCall("call-" + n++, "C@", TEN_AM.plusSeconds(600L * n))) {
                int at = line.indexOf("C@");
                calls.writeBytes(line.substring(0, at + 1).getBytes(UTF_8));
                calls.write(bad);
                calls.writeBytes(line.substring(at + 2).getBytes(UTF_8));
                calls.write('\n');
            }
        }
        for (String line : handledCall("call-esc", "C1\\u001b]0;pwned\\u0007\\u001b[2J", TEN_AM.plusSeconds(3000))) {
            calls.writeBytes((line + "\n").getBytes(UTF_8));
        }
        Files.write(in.resolve("calls.jsonl"), calls.toByteArray());

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines("alerts.jsonl")).as("no customer C\\uFFFD came back three times")
                .noneSatisfy(a -> assertThat(a.get("kind").asText()).isEqualTo("REPEAT_CONTACT"));
        assertThat(Files.readString(out.resolve("alerts.jsonl"), UTF_8)).doesNotContain("\uFFFD", "\u001b", "\\u001b");
        List<JsonNode> dead = lines("deadletter.jsonl");
        assertThat(dead).filteredOn(d -> d.get("reason").asText().equals("UNDECODABLE")).hasSize(9)
                .allSatisfy(d -> assertThat(d.has("raw_base64")).as("bytes kept as they were").isTrue());
        assertThat(dead).filteredOn(d -> d.get("reason").asText().equals("OUT_OF_RANGE")).hasSize(3)
                .allSatisfy(d -> assertThat(d.get("error_message").asText()).startsWith("customer_id: control"));
        assertThat(counts(run, "calls.jsonl")).containsExactly(12, 0, 12, 0);
        assertThat(run.out()).doesNotContain("\u001b]0;pwned");
    }

    @Test
    void aHugeLineIsStreamedPastAndDeadLetteredWithItsSizeWhileTheRestIsRead() throws Exception {
        int size = 30 * 1024 * 1024; // beyond the 20 M characters Jackson reads in one value
        try (OutputStream calls = Files.newOutputStream(in.resolve("calls.jsonl"))) {
            for (String line : handledCall("call-1", "C1", TEN_AM)) {
                calls.write((line + "\n").getBytes(UTF_8));
            }
            calls.write("{\"event_id\":\"".getBytes(UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(UTF_8);
            for (int i = 0; i < 30; i++) {
                calls.write(chunk);
            }
            calls.write("\"}\n".getBytes(UTF_8));
            for (String line : handledCall("call-2", "C2", TEN_AM)) {
                calls.write((line + "\n").getBytes(UTF_8));
            }
        }

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(out.resolve("deadletter.jsonl"))).as("only the head of the line is kept")
                .isLessThan(1 << 20);
        JsonNode dead = lines("deadletter.jsonl").get(0);
        assertThat(dead.get("reason").asText()).isEqualTo("OVERSIZED");
        assertThat(dead.get("line").asLong()).isEqualTo(4);
        assertThat(dead.get("original_bytes").asLong()).isEqualTo(size + 15);
        assertThat(dead.get("truncated").asBoolean()).isTrue();
        assertThat(dead.get("sha256").asText()).hasSize(64);
        assertThat(counts(run, "calls.jsonl")).containsExactly(7, 6, 1, 0);
    }

    @Test
    void anInputThatIsALinkIsRefusedByNameAndNeverRead() throws Exception {
        Path secret = Files.writeString(in.getParent().resolve(in.getFileName() + "-environ"), "KAFKA_JAAS=s3cr3t\n");
        Files.createSymbolicLink(in.resolve("calls.jsonl"), secret);

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("calls.jsonl").contains("symbolic link");
        assertThat(out.resolve("deadletter.jsonl")).doesNotExist();
    }

    @Test
    void aDirectoryOrAFifoInPlaceOfAnInputIsAnErrorThatNamesIt() throws Exception {
        Files.createDirectory(in.resolve("chats.jsonl"));
        CliRun directory = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("chats.jsonl").contains("not a regular file");

        Files.delete(in.resolve("chats.jsonl"));
        Process mkfifo = new ProcessBuilder("mkfifo", in.resolve("surveys.jsonl").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        CliRun fifo = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());
        assertThat(fifo.exitCode()).isEqualTo(2);
        assertThat(fifo.err()).contains("surveys.jsonl").contains("not a regular file");
    }

    @Test
    void anOutputThatIsALinkIsReplacedAndItsTargetNeverWritten() throws Exception {
        Files.write(in.resolve("calls.jsonl"), handledCall("call-1", "C1", TEN_AM), UTF_8);
        Path target = Files.writeString(out.getParent().resolve(out.getFileName() + "-precious"), "keep me\n");
        Files.createSymbolicLink(out.resolve("alerts.jsonl"), target);
        Files.createSymbolicLink(out.resolve("deadletter.jsonl"), target);

        CliRun run = CliRun.of("replay", "--input", in.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(target)).isEqualTo("keep me\n");
        assertThat(out.resolve("alerts.jsonl")).isRegularFile();
        assertThat(Files.isSymbolicLink(out.resolve("alerts.jsonl"))).isFalse();
        assertThat(Files.isSymbolicLink(out.resolve("deadletter.jsonl"))).isFalse();
        assertThat(Files.list(out)).noneSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".partial"));
    }
}
