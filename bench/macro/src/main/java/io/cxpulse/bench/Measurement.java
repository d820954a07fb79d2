package io.cxpulse.bench;

/**
 * One timed run of one variant: how many events it processed, in how long, and the CPU the
 * Flink (benchmark) process and the broker process spent on it.
 */
record Measurement(String variant, int round, long events, double seconds, double processCpuSeconds,
        double brokerCpuSeconds) {

    double eventsPerSecond() {
        return events / seconds;
    }

    double processCpuPerMillion() {
        return processCpuSeconds / (events / 1e6);
    }

    double brokerCpuPerMillion() {
        return brokerCpuSeconds / (events / 1e6);
    }
}
