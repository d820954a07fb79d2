package io.cxpulse.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How {@code replay} touches the file system: inputs must be regular files (a symbolic link, a
 * directory, a FIFO or a device is refused by name, never followed or read: a {@code calls.jsonl}
 * linked to {@code /proc/self/environ} would copy the environment into the dead letters), and
 * outputs are written to a new file and moved into place (an output that is a link is replaced,
 * its target never written).
 */
final class ReplayFiles {

    private ReplayFiles() {}

    /** Whether {@code file} is there to read; throws when it is there but not a regular file. */
    static boolean readableInput(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isSymbolicLink(file)) {
            throw new CxPulse.UsageException("input " + file + " is a symbolic link: replay reads regular files only");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new CxPulse.UsageException("input " + file + " is not a regular file (a directory, FIFO or device):"
                    + " replay reads regular files only");
        }
        if (!Files.isReadable(file)) {
            throw new CxPulse.UsageException("input " + file + " is not readable");
        }
        return true;
    }

    /** An empty file at {@code path}, replacing whatever is there (a link itself, not its target). */
    static void writeEmpty(Path path) throws IOException {
        Path partial = Files.createTempFile(path.toAbsolutePath().getParent(), "." + path.getFileName() + ".",
                ".partial");
        Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Lines of a file the run wrote (each ends with a line break), counted without holding one. */
    static long countLines(Path path) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
