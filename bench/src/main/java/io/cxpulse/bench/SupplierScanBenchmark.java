package io.cxpulse.bench;

import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.logic.SupplierScan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The complaints job's supplier test for one window of one category, as
 * {@code SupplierShareMonitor} runs it when a window closes: {@link SupplierScan#scan} over six
 * suppliers (one exact binomial tail each, Benjamini–Hochberg q-values over the six, lift and the
 * PRR with its interval), with the default alpha, lift and count floors. One operation is one
 * window, i.e. six supplier lines; the windows vary in volume (5 000 to 60 000 shipments, 15 to
 * 1 200 complaints) and a quarter of them hold an outlier ({@link BenchData#supplierWindows}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SupplierScanBenchmark {

    private static final int WINDOWS = 256;

    private SupplierScan scan;
    private BenchData.SupplierWindow[] windows;

    @Setup
    public void setUp() {
        ComplaintsConfig config = ComplaintsConfig.DEFAULTS;
        scan = new SupplierScan(config.alpha(), config.minLift(), config.minComplaints());
        windows = BenchData.supplierWindows(WINDOWS, 42);
    }

    @Benchmark
    @OperationsPerInvocation(WINDOWS)
    public void scanSixSuppliers(Blackhole blackhole) {
        for (BenchData.SupplierWindow window : windows) {
            blackhole.consume(scan.scan(window.shipments(), window.complaints()));
        }
    }
}
