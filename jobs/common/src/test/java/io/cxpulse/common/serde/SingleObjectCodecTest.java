package io.cxpulse.common.serde;

import static io.cxpulse.common.testing.TestRecords.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.common.testing.TestRecords;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.SurveyResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    private final SingleObjectCodec<CallEvent> calls = SingleObjectCodec.forClass(CallEvent.class);

    @Test
    void roundTripsARecord() throws Exception {
        CallEvent call = TestRecords.call("c1", CallEventType.ENDED, "C1042", NINE_AM);
        assertThat(calls.decode("t", calls.encode("t", call))).isEqualTo(call);

        SingleObjectCodec<ComplaintEvent> complaints = SingleObjectCodec.forClass(ComplaintEvent.class);
        ComplaintEvent complaint = TestRecords.complaintOpened("k1", "C1", ComplaintCategory.SHIPPING, "o1", NINE_AM);
        assertThat(complaints.decode("t", complaints.encode("t", complaint))).isEqualTo(complaint);
    }

    @Test
    void writesTheAvroSpecificationsFormatThatAvrosOwnDecoderReads() throws Exception {
        CallEvent call = TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM);
        byte[] bytes = calls.encode("t", call);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        BinaryMessageDecoder<CallEvent> avro = CallEvent.getDecoder();
        assertThat(avro.decode(bytes)).isEqualTo(call);
        // ... and reads what Avro's own encoder wrote.
        assertThat(calls.decode("t", CallEvent.getEncoder().encode(call).array())).isEqualTo(call);
    }

    @Test
    void bytesInAnotherFormatAreTheWrongWireFormat() {
        assertReason(() -> calls.decode("t", "hello, world".getBytes(StandardCharsets.UTF_8)),
                DeadLetterReason.WRONG_WIRE_FORMAT);
        assertReason(() -> calls.decode("t", new byte[] {0, 0, 0, 0, 7, 2, 4}), DeadLetterReason.WRONG_WIRE_FORMAT);
        assertReason(() -> calls.decode("t", new byte[0]), DeadLetterReason.WRONG_WIRE_FORMAT);
    }

    @Test
    void aRecordOfAnotherTypeHasAnUnknownSchema() {
        SingleObjectCodec<SurveyResponse> surveys = SingleObjectCodec.forClass(SurveyResponse.class);
        byte[] survey = surveys.encode("t", TestRecords.survey("c1", "C1", 4, 9, NINE_AM));
        assertReason(() -> calls.decode("t", survey), DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void truncatedOrPaddedBytesAreUndecodable() {
        byte[] bytes = calls.encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        assertReason(() -> calls.decode("t", Arrays.copyOf(bytes, bytes.length - 5)), DeadLetterReason.UNDECODABLE);
        assertReason(() -> calls.decode("t", Arrays.copyOf(bytes, bytes.length + 3)), DeadLetterReason.UNDECODABLE);
    }

    @Test
    void aForgedLengthPrefixCannotExhaustMemory() {
        byte[] bytes = calls.encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C1", NINE_AM));
        // The first field (event_id) is a string: replace its length with a zig-zag varint of ~2^31.
        byte[] forged = new byte[SingleObjectCodec.HEADER_LENGTH + 5];
        System.arraycopy(bytes, 0, forged, 0, SingleObjectCodec.HEADER_LENGTH);
        byte[] hugeLength = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        System.arraycopy(hugeLength, 0, forged, SingleObjectCodec.HEADER_LENGTH, 5);
        assertReason(() -> calls.decode("t", forged), DeadLetterReason.UNDECODABLE);
    }

    private static void assertReason(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable decode, DeadLetterReason reason) {
        assertThatThrownBy(decode)
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
    }
    @Test
    void aStringThatIsNotUtf8IsUndecodableNotReplaced() throws Exception {
        for (int bad : new int[] {0xFF, 0xFE, 0x80}) {
            byte[] bytes = calls.encode("t", TestRecords.call("c1", CallEventType.QUEUED, "C#", NINE_AM));
            int at = indexOf(bytes, "C#".getBytes(StandardCharsets.UTF_8)) + 1;
            bytes[at] = (byte) bad;
            assertThatThrownBy(() -> calls.decode("t", bytes))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("not UTF-8")
                    .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(DeadLetterReason.UNDECODABLE));
        }
        // still decodes every well-formed string, whatever the script
        CallEvent chinese = TestRecords.call("c1", CallEventType.QUEUED, "客户😀", NINE_AM);
        assertThat(calls.decode("t", calls.encode("t", chinese))).isEqualTo(chinese);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
