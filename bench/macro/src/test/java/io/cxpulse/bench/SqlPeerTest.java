package io.cxpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.metrics.MetricsConfig;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;

/** R3's query is valid Flink SQL, plans to interval joins and one window aggregate, and reads what it should. */
class SqlPeerTest {

    private static final CxPulseConfig CONFIG = Bench.config("127.0.0.1:9092", Duration.ofSeconds(2), "hashmap");

    @Test
    void theQueryPlansAsIntervalJoinsIntoOneTumblingWindowAggregate() {
        List<String> statements = SqlPeer.statements(CONFIG, MetricsConfig.DEFAULTS.serviceLevel(),
                MetricsConfig.DEFAULTS.interactionTimeout(), "bench-r3-test");
        StreamTableEnvironment tables = StreamTableEnvironment.create(
                StreamExecutionEnvironment.getExecutionEnvironment());
        statements.subList(0, statements.size() - 1).forEach(tables::executeSql);

        String plan = tables.explainSql(statements.get(statements.size() - 1));

        assertThat(plan).contains("IntervalJoin", "WindowAggregate", "TUMBLE", "Expand");
        assertThat(plan).doesNotContain("GroupAggregate");
    }

    @Test
    void itReadsTheJsonCopiesBoundedAtTheirEndAndWritesExactlyOnce() {
        String script = SqlPeer.script(CONFIG, Duration.ofSeconds(20), Duration.ofHours(4));

        assertThat(script).contains("'topic' = 'bench.r3.in.cx.calls.v1'", "'topic' = 'bench.r3.in.cx.chats.v1'",
                "'scan.bounded.mode' = 'latest-offset'", "'format' = 'json'",
                "'sink.delivery-guarantee' = 'exactly-once'", "<= 20000", "INTERVAL '4' HOUR");
        assertThat(SqlPeer.INPUTS).containsExactly("calls", "chats");
    }
}
