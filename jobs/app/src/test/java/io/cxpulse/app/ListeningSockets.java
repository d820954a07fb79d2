package io.cxpulse.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process (and its child processes) listens on, read from Linux's {@code /proc}:
 * the socket inodes among the process's open files, matched against the LISTEN entries of
 * {@code /proc/<pid>/net/tcp} and {@code tcp6}.
 */
final class ListeningSockets {

    private ListeningSockets() {}

    static Set<InetSocketAddress> of(ProcessHandle process) throws IOException {
        Set<InetSocketAddress> all = new HashSet<>();
        List<ProcessHandle> tree = Stream.concat(Stream.of(process), process.descendants()).toList();
        for (ProcessHandle p : tree) {
            all.addAll(ofOne(p.pid()));
        }
        return all;
    }

    private static Set<InetSocketAddress> ofOne(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (NoSuchFileException | java.nio.file.AccessDeniedException closedMeanwhile) {
                    // the descriptor closed while we looked
                }
            }
        } catch (NoSuchFileException exited) {
            return Set.of();
        }
        Set<InetSocketAddress> out = new HashSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            } catch (NoSuchFileException exited) {
                return out;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    out.add(address(f[1]));
                }
            }
        }
        return out;
    }

    /** {@code 0100007F:1F90} or the 32-hex-digit IPv6 form: addresses are in host (little-endian) words. */
    private static InetSocketAddress address(String hex) throws UnknownHostException {
        String[] parts = hex.split(":");
        String ip = parts[0];
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(ip.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    }

    static boolean isLoopback(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip.isLoopbackAddress()) {
            return true;
        }
        byte[] b = ip.getAddress();
        // ::ffff:127.x.y.z, an IPv4 loopback address in IPv6 form
        if (b.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF && b[12] == 127;
        }
        return false;
    }
}
