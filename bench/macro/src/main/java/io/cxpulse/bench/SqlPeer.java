package io.cxpulse.bench;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.local.LocalFlink;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * R3, the peer a user would pick instead of CX Pulse for the metric windows: the QUEUE and TEAM
 * one-minute windows of {@code cx.metrics.v1} that calls and chats alone give (contacts, handled,
 * abandoned, answered within the service level, wait and handle sums, transfers) as one Flink SQL
 * query over the JSON copies of the same events ({@link JsonCopy}), read and written with Flink's
 * Kafka table connector, bounded at the offsets the topics had at the job's start, the output
 * written exactly-once like R1's and R2's. Timed the same way: the bounded job's net runtime.
 *
 * <p>A contact is its closing event (ENDED or ABANDONED) joined, within the production graph's
 * interaction timeout, with its first event (QUEUED or STARTED) for the queue and the wait start,
 * and (outer) with its ANSWERED event for the wait and the team: two interval joins keyed by the
 * contact id, then one tumbling window aggregation with GROUPING SETS by queue and by team.
 * Transfers count in the window of their own event (CX Pulse counts them at the contact's end): a
 * third join only to count them would multiply rows. First-contact resolution, surveys and the
 * other dimensions are left out: they need the customer's history, which is what R2's customer
 * core holds.
 */
final class SqlPeer {

    /** What the query's output topic is called (one topic, QUEUE and TEAM rows). */
    static final String OUTPUT = "bench.r3.metrics";

    /** The inputs it reads (their JSON copies), by name. */
    static final List<String> INPUTS = JsonCopy.INPUTS.stream().map(InputTopic::name).toList();

    private SqlPeer() {}

    /** The topics it reads and writes. */
    static List<String> topics(CxPulseConfig config) {
        return List.of(JsonCopy.topic(config, InputTopic.CALLS), JsonCopy.topic(config, InputTopic.CHATS), OUTPUT);
    }

    /** Runs the query as a bounded job on a fresh local cluster; returns its net runtime in seconds. */
    static double run(CxPulseConfig config, int parallelism, Duration serviceLevel, Duration contactTimeout,
            String job) throws Exception {
        LocalFlink flink = LocalFlink.create(config, parallelism);
        try {
            StreamTableEnvironment tables = StreamTableEnvironment.create(flink.env());
            tables.getConfig().set("pipeline.name", job);
            for (String statement : statements(config, serviceLevel, contactTimeout, job)) {
                if (!statement.startsWith("INSERT")) {
                    tables.executeSql(statement);
                    continue;
                }
                TableResult result = tables.executeSql(statement);
                return result.getJobClient().orElseThrow().getJobExecutionResult().get().getNetRuntime() / 1000.0;
            }
            throw new IllegalStateException("no INSERT statement");
        } finally {
            flink.deleteTemporaryFiles();
        }
    }

    /** The DDL and the one query, in order; the last is the INSERT. */
    static List<String> statements(CxPulseConfig config, Duration serviceLevel, Duration contactTimeout, String job) {
        String bootstrap = config.kafka().bootstrapServers();
        long outOfOrderSeconds = config.sources().maxOutOfOrderness().toSeconds();
        String calls = source("calls", JsonCopy.topic(config, InputTopic.CALLS), "call_id", "",
                bootstrap, outOfOrderSeconds, job);
        String chats = source("chats", JsonCopy.topic(config, InputTopic.CHATS), "chat_id",
                "  sender STRING,\n  text STRING,\n", bootstrap, outOfOrderSeconds, job);
        String sink = String.format(Locale.ROOT, """
                CREATE TEMPORARY TABLE queue_team_metrics (
                  dimension STRING,
                  dimension_value STRING,
                  window_start TIMESTAMP(3),
                  window_end TIMESTAMP(3),
                  contacts BIGINT,
                  handled BIGINT,
                  abandoned BIGINT,
                  answered_within_sl BIGINT,
                  wait_ms_sum BIGINT,
                  handle_ms_sum BIGINT,
                  transfers BIGINT
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'format' = 'json',
                  'sink.delivery-guarantee' = 'exactly-once',
                  'sink.transactional-id-prefix' = '%s',
                  'properties.transaction.timeout.ms' = '%d'
                )""", OUTPUT, bootstrap, job, config.kafka().transactionTimeout().toMillis());
        String contactEvents = """
                CREATE TEMPORARY VIEW contact_events AS
                  SELECT call_id AS contact_id, type, queue, team_id, event_time, ts FROM calls
                  UNION ALL
                  SELECT chat_id AS contact_id, type, queue, team_id, event_time, ts FROM chats
                    WHERE type <> 'MESSAGE'""";
        String hours = Long.toString(Math.max(1, contactTimeout.toHours()));
        String contributions = String.format(Locale.ROOT, """
                CREATE TEMPORARY VIEW contributions AS
                  SELECT q.queue, COALESCE(e.team_id, a.team_id) AS team_id, e.ts,
                    CAST(1 AS BIGINT) AS contacts,
                    CAST(CASE WHEN e.type = 'ENDED' AND a.contact_id IS NOT NULL THEN 1 ELSE 0 END AS BIGINT)
                      AS handled,
                    CAST(CASE WHEN e.type = 'ABANDONED' THEN 1 ELSE 0 END AS BIGINT) AS abandoned,
                    CAST(CASE WHEN e.type = 'ENDED' AND a.contact_id IS NOT NULL
                      AND a.event_time - q.event_time <= %d THEN 1 ELSE 0 END AS BIGINT) AS answered_within_sl,
                    CASE WHEN e.type = 'ENDED' AND a.contact_id IS NOT NULL
                      THEN a.event_time - q.event_time ELSE 0 END AS wait_ms,
                    CASE WHEN e.type = 'ENDED' AND a.contact_id IS NOT NULL
                      THEN e.event_time - a.event_time ELSE 0 END AS handle_ms,
                    CAST(0 AS BIGINT) AS transfers
                  FROM contact_events e
                  JOIN contact_events q ON q.contact_id = e.contact_id AND q.type IN ('QUEUED', 'STARTED')
                    AND q.ts BETWEEN e.ts - INTERVAL '%s' HOUR AND e.ts
                  LEFT JOIN contact_events a ON a.contact_id = e.contact_id AND a.type = 'ANSWERED'
                    AND a.ts BETWEEN e.ts - INTERVAL '%s' HOUR AND e.ts
                  WHERE e.type IN ('ENDED', 'ABANDONED')
                UNION ALL
                  SELECT queue, team_id, ts, 0, 0, 0, 0, 0, 0, 1 FROM contact_events WHERE type = 'TRANSFERRED'""",
                serviceLevel.toMillis(), hours, hours);
        String insert = """
                INSERT INTO queue_team_metrics
                SELECT
                  CASE WHEN GROUPING(queue) = 0 THEN 'QUEUE' ELSE 'TEAM' END,
                  CASE WHEN GROUPING(queue) = 0 THEN queue ELSE team_id END,
                  window_start, window_end,
                  SUM(contacts), SUM(handled), SUM(abandoned), SUM(answered_within_sl),
                  SUM(wait_ms), SUM(handle_ms), SUM(transfers)
                FROM TABLE(TUMBLE(TABLE contributions, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end, GROUPING SETS ((queue), (team_id))""";
        return List.of(calls, chats, sink, contactEvents, contributions, insert);
    }

    private static String source(String name, String topic, String id, String extraColumns, String bootstrap,
            long outOfOrderSeconds, String job) {
        return String.format(Locale.ROOT, """
                CREATE TEMPORARY TABLE %s (
                  event_id STRING,
                  %s STRING,
                  type STRING,
                  event_time BIGINT,
                  customer_id STRING,
                  queue STRING,
                  agent_id STRING,
                  team_id STRING,
                %s  order_id STRING,
                  reason STRING,
                  complaint BOOLEAN,
                  resolved BOOLEAN,
                  ts AS TO_TIMESTAMP_LTZ(event_time, 3),
                  WATERMARK FOR ts AS ts - INTERVAL '%d' SECOND
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'properties.group.id' = '%s',
                  'properties.isolation.level' = 'read_committed',
                  'scan.startup.mode' = 'earliest-offset',
                  'scan.bounded.mode' = 'latest-offset',
                  'format' = 'json',
                  'json.ignore-parse-errors' = 'false'
                )""", name, id, extraColumns, outOfOrderSeconds, topic, bootstrap, job + "-" + name);
    }

    /** The statements as one script, for the report. */
    static String script(CxPulseConfig config, Duration serviceLevel, Duration contactTimeout) {
        return statements(config, serviceLevel, contactTimeout, "bench-r3").stream()
                .collect(Collectors.joining(";\n\n", "", ";\n"));
    }
}
