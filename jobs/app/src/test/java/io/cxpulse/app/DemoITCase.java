package io.cxpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.local.Ansi;
import io.cxpulse.local.Demo;
import io.cxpulse.local.DemoConsole;
import io.cxpulse.pipeline.Pipelines;
import io.cxpulse.schema.AlertKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo end to end on real parts: its own KRaft broker, the three jobs on a Flink
 * MiniCluster, the simulator with the default incident script (at twice the demo's speed), and
 * the terminal feed read back {@code read_committed}. It must show every alert kind the
 * incidents raise and the live metrics table, then stop everything it started.
 */
class DemoITCase {

    private static final Set<AlertKind> EXPECTED = EnumSet.of(AlertKind.POOR_EXPERIENCE, AlertKind.REPEAT_CONTACT,
            AlertKind.LONG_WAIT, AlertKind.COMPLAINT_SPIKE, AlertKind.SUPPLIER_OUTLIER);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void showsEveryIncidentsAlertsAndTheMetricsThenStopsEverything() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Demo demo = new Demo(CxPulseConfig.defaults(), Pipelines.JobConfigs.DEFAULTS,
                new Demo.Options(null, null, 2, 2, Duration.ofSeconds(5), new Ansi(false), false),
                DemoTrafficFactory.simulated(1, 2 * DemoTrafficFactory.ACCELERATION), out);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread running = new Thread(() -> {
            try {
                demo.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "demo-under-test");
        running.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && running.isAlive() && !allShown(demo.console(), printed)) {
            Thread.sleep(500);
        }
        demo.stop();
        running.join(TimeUnit.SECONDS.toMillis(60));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(failure.get()).as(text).isNull();
        assertThat(running.isAlive()).isFalse();
        assertThat(demo.console().alertsByKind().keySet()).as(text).containsAll(EXPECTED);
        for (AlertKind kind : EXPECTED) {
            assertThat(text).as("a printed %s alert", kind).containsPattern("OPEN +\\w+ +" + kind + " ");
        }
        assertThat(text).contains("Flink web UI http://localhost:", "all queues", "CSAT%", "events in", "demo finished");
        assertThat(text).containsPattern("SUPPLIER_OUTLIER +SUPPLIER WH-F");
        assertThat(text).containsPattern("COMPLAINT_SPIKE +CATEGORY PRODUCT");
        assertThat(text).containsPattern("LONG_WAIT +QUEUE +delivery");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.isAlive() && t.getName().startsWith("cxpulse-demo"));
    }

    private static boolean allShown(DemoConsole console, ByteArrayOutputStream printed) {
        return console != null && console.alertsByKind().keySet().containsAll(EXPECTED)
                && printed.toString(StandardCharsets.UTF_8).contains("all queues");
    }
}
