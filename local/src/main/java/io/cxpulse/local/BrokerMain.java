package io.cxpulse.local;

import java.io.IOException;

/**
 * A {@link LocalBroker} as a process of its own, so the benchmark can measure the broker's CPU
 * apart from Flink's. Prints {@code BOOTSTRAP host:port} once the broker accepts clients and
 * stops it when its standard input closes (the parent exiting closes it too).
 */
public final class BrokerMain {

    public static final String READY_PREFIX = "BOOTSTRAP ";

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        try (LocalBroker broker = LocalBroker.start()) {
            System.out.println(READY_PREFIX + broker.bootstrapServers());
            System.out.flush();
            drain();
        }
    }

    private static void drain() throws IOException {
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
            // the parent keeps the pipe open while it needs the broker
        }
    }
}
