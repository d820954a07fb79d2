package io.cxpulse.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM (every thread: Flink's tasks, Kafka clients, the benchmark itself). */
final class CpuClock {

    private CpuClock() {}

    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
