package io.cxpulse.console;

import static io.cxpulse.console.logic.Alerts.customerAlert;
import static io.cxpulse.console.logic.Alerts.queueAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.console.ConsoleFixture.Session;
import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's API and event stream on the real broker, as a browser's session sees them:
 * team scoping (another team's alerts are never listed, streamed or found), the session and
 * CSRF checks, the validation of action bodies, the action written to its topic, and alert
 * records that cannot be decoded, skipped and counted.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleApiITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static ConsoleFixture fixture;
    private static final Instant NOW = Instant.now();

    @BeforeAll
    static void startConsoleWithOneAlertPerTeam() throws Exception {
        fixture = new ConsoleFixture(KAFKA);
        fixture.produceAlerts(
                customerAlert("blue-1", "team-blue", AlertStatus.OPEN, Severity.HIGH, NOW),
                customerAlert("green-1", "team-green", AlertStatus.OPEN, Severity.HIGH, NOW),
                queueAlert("billing", AlertStatus.OPEN, NOW));
        fixture.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aSupervisorListsOnlyTheirTeamsAlertsAndAnotherTeamsEpisodeIsNotFound() throws Exception {
        Session ana = fixture.signIn("ana");

        String list = fixture.get(ana, "/api/alerts").body();

        assertThat(list).contains("\"alert_id\":\"blue-1\"").doesNotContain("green-1").doesNotContain("LONG_WAIT");
        assertThat(fixture.get(ana, "/api/alerts/blue-1").statusCode()).isEqualTo(200);
        assertThat(fixture.get(ana, "/api/alerts/green-1").statusCode()).isEqualTo(404);
        assertThat(fixture.get(ana, "/api/alerts/LONG_WAIT-billing").statusCode()).isEqualTo(404);
        assertThat(fixture.get(ana, "/api/alerts/no-such-alert").statusCode()).isEqualTo(404);
        assertThat(fixture.get(ana, "/api/alerts?team=team-green").body()).doesNotContain("green-1");
    }

    @Test
    void operationsSeeTheAlertsWithoutATeamAndTheSupplierSharesSupervisorsDoNot() throws Exception {
        Session olga = fixture.signIn("olga");
        Session ana = fixture.signIn("ana");

        assertThat(fixture.get(olga, "/api/alerts").body()).contains("LONG_WAIT-billing").doesNotContain("blue-1");
        assertThat(fixture.get(olga, "/api/supplier-shares").statusCode()).isEqualTo(200);
        assertThat(fixture.get(ana, "/api/supplier-shares").statusCode()).isEqualTo(403);
        assertThat(fixture.get(ana, "/api/operations/stream").statusCode()).isEqualTo(403);
    }

    @Test
    void theStreamCarriesTheTeamsNewAlertsAndNeverAnotherTeams() throws Exception {
        Session ana = fixture.signIn("ana");
        try (ConsoleFixture.Stream stream = fixture.stream(ana, "/api/stream")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.await(l -> l.startsWith("event: snapshot"), DEADLINE)).isTrue();

            fixture.produceAlerts(customerAlert("green-2", "team-green", AlertStatus.OPEN, Severity.CRITICAL, NOW),
                    customerAlert("blue-2", "team-blue", AlertStatus.OPEN, Severity.LOW, NOW));

            assertThat(stream.await(l -> l.contains("\"alert_id\":\"blue-2\""), DEADLINE)).as(stream.text()).isTrue();
            assertThat(stream.text()).contains("blue-1").doesNotContain("green").doesNotContain("LONG_WAIT");
        }
    }

    @Test
    void aForgedOrMissingSessionGets401Everywhere() throws Exception {
        Session forged = new Session("cxpulse_session=v1.YW5h.9999999999.bm9uY2U.c2lnbmF0dXJl", "x");

        for (String path : List.of("/api/alerts", "/api/alerts/blue-1", "/api/me", "/api/metrics")) {
            assertThat(fixture.get(null, path).statusCode()).as(path).isEqualTo(401);
            assertThat(fixture.get(forged, path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(fixture.stream(null, "/api/stream").status).isEqualTo(401);
        assertThat(fixture.stream(forged, "/api/stream").status).isEqualTo(401);
        assertThat(fixture.post(null, "/api/alerts/blue-1/actions", "{\"action\":\"ACKNOWLEDGE\"}", false).statusCode())
                .isEqualTo(401);
        assertThat(fixture.post(forged, "/api/alerts/blue-1/actions", "{\"action\":\"ACKNOWLEDGE\"}", true).statusCode())
                .isEqualTo(401);
        assertThat(fixture.post(null, "/api/session", "{\"user\":\"ana\",\"password\":\"guess\"}", false).statusCode())
                .isEqualTo(401);
    }

    @Test
    void actionsNeedTheCsrfTokenAndAWellFormedSmallBody() throws Exception {
        Session ana = fixture.signIn("ana");
        String path = "/api/alerts/blue-1/actions";

        assertThat(fixture.post(ana, path, "{\"action\":\"NOTE\",\"note\":\"x\"}", false).statusCode()).isEqualTo(403);
        assertThat(fixture.post(ana, path, "{\"action\":\"NOTE\",\"note\":\"" + "x".repeat(5000) + "\"}", true)
                .statusCode()).isEqualTo(400);
        assertThat(fixture.post(ana, path, "{\"action\":\"NOTE\",", true).statusCode()).isEqualTo(400);
        assertThat(fixture.post(ana, path, "[1,2]", true).statusCode()).isEqualTo(400);
        assertThat(fixture.post(ana, path, "{\"action\":\"NOTE\",\"note\":5}", true).statusCode()).isEqualTo(400);
        assertThat(fixture.post(ana, path, "{\"action\":\"NOTE\",\"note\":\"x\",\"admin\":true}", true).statusCode())
                .isEqualTo(400);
        assertThat(fixture.post(ana, path, "{\"action\":\"EXPLODE\"}", true).statusCode()).isEqualTo(400);
        assertThat(fixture.post(ana, "/api/alerts/green-1/actions", "{\"action\":\"ACKNOWLEDGE\"}", true).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAcknowledgementIsWrittenToTheActionsTopicAndASecondOneIsAConflict() throws Exception {
        fixture.produceAlerts(customerAlert("blue-ack", "team-blue", AlertStatus.OPEN, Severity.HIGH, NOW));
        Session ana = fixture.signIn("ana");
        awaitVisible(ana, "blue-ack");

        var first = fixture.post(ana, "/api/alerts/blue-ack/actions", "{\"action\":\"ACKNOWLEDGE\"}", true);
        var second = fixture.post(ana, "/api/alerts/blue-ack/actions", "{\"action\":\"ACKNOWLEDGE\"}", true);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"state\":\"ACKNOWLEDGED\"", "\"acknowledged_by\":\"ana\"");
        assertThat(second.statusCode()).isEqualTo(409);
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.read(fixture.topics().alertActions(), DEADLINE,
                rs -> rs.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals("blue-ack")),
                Duration.ZERO);
        AlertAction action = SingleObjectCodec.forClass(AlertAction.class).decode(fixture.topics().alertActions(),
                records.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("blue-ack"))
                        .findFirst().orElseThrow().value());
        assertThat(action.getAction()).isEqualTo(AlertActionType.ACKNOWLEDGE);
        assertThat(action.getActor()).isEqualTo("ana");
        assertThat(action.getTeamId()).isEqualTo("team-blue");
    }

    @Test
    void anAlertRecordThatCannotBeDecodedIsSkippedAndCountedAndTheFeedGoesOn() throws Exception {
        String alerts = fixture.topics().alerts();
        fixture.produceRaw(alerts, "junk".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = SingleObjectCodec.forClass(io.cxpulse.schema.Alert.class).encode(alerts,
                customerAlert("cut", "team-blue", AlertStatus.OPEN, Severity.HIGH, NOW));
        fixture.produceRaw(alerts, "cut".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(truncated, truncated.length / 2));
        fixture.produceAlerts(customerAlert("blue-after-junk", "team-blue", AlertStatus.OPEN, Severity.HIGH, NOW));
        Session ana = fixture.signIn("ana");

        awaitVisible(ana, "blue-after-junk");

        String status = fixture.get(ana, "/api/status").body();
        assertThat(status).contains("\"" + alerts + "\":2");
        assertThat(fixture.console.undecodable()).containsEntry(alerts, 2L);
        assertThat(fixture.get(ana, "/api/alerts/cut").statusCode()).isEqualTo(404);
    }

    @Test
    void textFromARecordArrivesNeutralised() throws Exception {
        fixture.produceAlerts(io.cxpulse.schema.Alert.newBuilder(
                        customerAlert("blue-hostile", "team-blue", AlertStatus.OPEN, Severity.HIGH, NOW))
                .setSummary("ESC\u001b[2J and \u202Eevil")
                .build());
        Session ana = fixture.signIn("ana");

        awaitVisible(ana, "blue-hostile");

        String body = fixture.get(ana, "/api/alerts/blue-hostile").body();
        assertThat(body).contains("ESC\uFFFD[2J and evil").doesNotContain("\\u001b").doesNotContain("\u202E");
    }

    private static void awaitVisible(Session session, String alertId) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (fixture.get(session, "/api/alerts/" + alertId).statusCode() == 200) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling with a deadline
        }
        throw new AssertionError(alertId + " did not show within " + DEADLINE);
    }
}
