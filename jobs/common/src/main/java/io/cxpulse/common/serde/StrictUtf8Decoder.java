package io.cxpulse.common.serde;

import io.cxpulse.common.text.Utf8Check;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses a string which is not well-formed UTF-8 instead of decoding it
 * with replacement characters, which Avro does: {@code C\xff}, {@code C\xfe} and {@code C\x80}
 * would all become the customer {@code C\uFFFD}. It wraps the codec's {@link BinaryDecoder}
 * (every read but strings passes straight through), so it holds on every path Avro takes,
 * generated classes' own decoders included. The codecs turn the {@link MalformedText} it throws
 * into an {@code UNDECODABLE} dead letter. Not thread-safe, as the decoder it wraps.
 */
final class StrictUtf8Decoder extends Decoder {

    /** A string whose bytes are not UTF-8. */
    static final class MalformedText extends AvroRuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedText(String message) {
            super(message);
        }
    }

    private BinaryDecoder in;
    private Utf8 scratch = new Utf8();

    /** Reads from {@code decoder} from now on (the codec reuses one wrapper per decoder). */
    StrictUtf8Decoder wrap(BinaryDecoder decoder) {
        this.in = decoder;
        return this;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        Utf8 text = in.readString(old);
        check(text);
        return text;
    }

    @Override
    public String readString() throws IOException {
        scratch = in.readString(scratch);
        check(scratch);
        return new String(scratch.getBytes(), 0, scratch.getByteLength(), StandardCharsets.UTF_8);
    }

    private static void check(Utf8 text) {
        byte[] bytes = text.getBytes();
        int malformed = Utf8Check.firstMalformed(bytes, 0, text.getByteLength());
        if (malformed >= 0) {
            throw new MalformedText("a string that is not UTF-8: an ill-formed byte sequence at byte " + (malformed + 1)
                    + String.format(" (0x%02X)", bytes[malformed] & 0xFF));
        }
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return in.readBytes(old);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
