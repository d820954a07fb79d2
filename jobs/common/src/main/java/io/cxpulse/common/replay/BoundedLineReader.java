package io.cxpulse.common.replay;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a byte stream as lines ended by {@code \n} (a {@code \r} before it is dropped), never
 * holding more than {@code maxLineBytes} of one line: a longer line is streamed past to its end,
 * keeping only its first {@code keepOfLongLine} bytes, its size and its SHA-256, so that a 400 MB
 * line without a line break costs a few hundred kilobytes, not the heap. Bytes are returned as
 * read; decoding them is the caller's business.
 */
final class BoundedLineReader {

    /** One line: its bytes (all of them, or the first part of a line over the limit). */
    record Line(byte[] bytes, long size, String sha256) {

        /** Whether the line was over the limit: {@code bytes} is then its head, {@code size} its length. */
        boolean tooLong() {
            return sha256 != null;
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final int keepOfLongLine;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;

    private byte[] line = new byte[256];
    private int lineLength;

    BoundedLineReader(InputStream in, int maxLineBytes, int keepOfLongLine) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.keepOfLongLine = Math.min(keepOfLongLine, maxLineBytes);
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        lineLength = 0;
        long size = 0;
        MessageDigest digest = null;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!sawAny) {
                    return null;
                }
                return finish(size, digest);
            }
            sawAny = true;
            int newline = indexOfNewline(chunkPos, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            int n = end - chunkPos;
            if (digest == null && size + n > maxLineBytes) {
                digest = sha256();
                digest.update(line, 0, lineLength); // what was kept so far, all of it
                lineLength = Math.min(lineLength, keepOfLongLine);
            }
            if (digest == null) {
                append(chunk, chunkPos, n);
            } else {
                digest.update(chunk, chunkPos, n);
                int room = keepOfLongLine - lineLength;
                if (room > 0) {
                    append(chunk, chunkPos, Math.min(room, n));
                }
            }
            size += n;
            chunkPos = end;
            if (newline >= 0) {
                chunkPos++; // past the \n
                return finish(size, digest);
            }
        }
    }

    private Line finish(long size, MessageDigest digest) {
        if (digest == null) {
            int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            return new Line(Arrays.copyOf(line, length), length, null);
        }
        return new Line(Arrays.copyOf(line, lineLength), size, HexFormat.of().formatHex(digest.digest()));
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(chunk, 0, CHUNK);
        if (read <= 0) {
            eof = read < 0;
            chunkPos = 0;
            chunkEnd = 0;
            return !eof && fill();
        }
        chunkPos = 0;
        chunkEnd = read;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] bytes, int from, int n) {
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
