package io.cxpulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.app.ChaosCommand;
import io.cxpulse.bench.BrokerProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cxpulse chaos}, small: on a real multi-process cluster with the broker in its own
 * process, three TaskManagers killed with SIGKILL and a savepoint upgrade between them; every
 * committed alert, final metric and supplier share matches a replay of the same traffic (no
 * duplicate OPEN, no lost window), every undecodable record is exactly one dead letter, kills
 * while they flow included, and alert episodes and metric windows open at the upgrade are
 * finished by the job started from the savepoint.
 */
class ChaosITCase {

    /** Kept after the run (the cluster's logs, checkpoints, the replay) for a look when it fails. */
    private final Path dir = Path.of("target", "chaos-it");

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void threeTaskManagerKillsAndAnUpgradeLoseAndDoubleNothing() throws Exception {
        FileUtils.deleteDirectory(dir.toFile());
        Chaos.Options options = new Chaos.Options(3, Duration.ofSeconds(12), Duration.ofSeconds(18), 1, 1, 90, 2, 200);
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed, true);
        Chaos.Result result;
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker.log"))) {
            result = ChaosCommand.run(options, FlinkCluster.Distribution.fromSystemProperties(), dir,
                    broker.bootstrapServers(), out);
        }
        ChaosCommand.report(result, out);
        System.out.println(printed);

        assertThat(result.kills()).isEqualTo(3);
        assertThat(result.restarts()).as(printed.toString()).isGreaterThanOrEqualTo(3);
        assertThat(result.injected()).isGreaterThan(10);
        assertThat(result.comparisons()).allSatisfy(c -> assertThat(c.expected()).as(c.output()).isPositive());
        assertThat(result.missing()).as(printed.toString()).isZero();
        assertThat(result.duplicates()).as(printed.toString()).isZero();
        assertThat(result.extra()).as(printed.toString()).isZero();
        // the upgrade carried state over: what was open when the old job stopped, the new one finished
        assertThat(result.continuity().episodesResolvedAfter()).as(printed.toString()).isPositive();
        assertThat(result.continuity().windowsAcross()).as(printed.toString()).isPositive();
    }
}
