package io.cxpulse.console;

import static io.cxpulse.console.logic.Alerts.customerAlert;
import static io.cxpulse.console.logic.Alerts.queueAlert;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.common.serde.SingleObjectCodec;
import io.cxpulse.common.testing.EmbeddedKafka;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertAction;
import io.cxpulse.schema.AlertActionType;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import io.cxpulse.schema.SupplierShare;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against the real broker, as a supervisor and an operations
 * analyst use it: sign in, watch alerts arrive without a reload, never see another team's,
 * acknowledge and see it in a second browser session, survive a console restart, and the
 * operations page with its charts, spikes and supplier shares. Saves a screenshot of each page
 * under {@code target/screenshots}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConsoleBrowserITCase {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Instant now = Instant.now();
    private ConsoleFixture fixture;
    private Browsers browsers;

    @BeforeEach
    void start() throws Exception {
        fixture = new ConsoleFixture(KAFKA);
        browsers = new Browsers();
    }

    @AfterEach
    void stop() throws Exception {
        browsers.close();
        fixture.close();
    }

    @Test
    void aSupervisorWatchesTheirTeamsAlertsLiveActsOnOneAndKeepsItAcrossARestart() throws Exception {
        fixture.produceAlerts(
                customerAlert("blue-1", "team-blue", AlertStatus.OPEN, Severity.HIGH, now),
                customerAlert("green-1", "team-green", AlertStatus.OPEN, Severity.CRITICAL, now),
                Alert.newBuilder(customerAlert("blue-x", "team-blue", AlertStatus.OPEN, Severity.LOW, now))
                        .setSummary("<img src=x onerror=\"document.title='owned'\"> \u202Etxt.exe")
                        .build());
        fixture.start(0);

        WebDriver ana = browsers.open();
        ana.get(fixture.uri("/?severity=HIGH").toString());
        new WebDriverWait(ana, WAIT).until(ExpectedConditions.urlContains("/login"));
        Browsers.screenshot(ana, "01-login");
        signIn(ana, "ana");
        new WebDriverWait(ana, WAIT).until(ExpectedConditions.urlContains("severity=HIGH"));
        awaitRow(ana, "blue-1");
        assertThat(rowIds(ana)).containsExactly("blue-1"); // the bookmarked filter holds: blue-x is LOW

        // the filters live in the URL; clear them and the hostile summary shows as text
        ana.get(fixture.uri("/").toString());
        awaitRow(ana, "blue-x");
        assertThat(cell(ana, "blue-x", "summary"))
                .isEqualTo("<img src=x onerror=\"document.title='owned'\"> txt.exe");
        assertThat(ana.findElements(By.cssSelector("#feed-rows img"))).isEmpty();
        assertThat(ana.getTitle()).isNotEqualTo("owned");

        // new alerts arrive without a reload; another team's never do
        ((JavascriptExecutor) ana).executeScript("window.sameLoad = 'yes';");
        fixture.produceAlerts(customerAlert("green-2", "team-green", AlertStatus.OPEN, Severity.CRITICAL, now),
                customerAlert("blue-2", "team-blue", AlertStatus.OPEN, Severity.CRITICAL, now),
                customerAlert("blue-1", "team-blue", AlertStatus.UPDATE, Severity.CRITICAL, now.plusSeconds(1)));
        new WebDriverWait(ana, WAIT).until(d -> "CRITICAL".equals(cell(d, "blue-1", "severity")));
        awaitRow(ana, "blue-2");
        assertThat(((JavascriptExecutor) ana).executeScript("return window.sameLoad;")).isEqualTo("yes");
        assertThat(rowIds(ana)).containsExactlyInAnyOrder("blue-1", "blue-2", "blue-x");
        assertThat(cell(ana, "blue-2", null)).contains("sev-CRITICAL");

        // the detail view and an acknowledgement, written to the actions topic
        row(ana, "blue-1").click();
        new WebDriverWait(ana, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("d-updates"), "UPDATE"));
        assertThat(ana.findElement(By.id("d-reasons")).getText()).contains("csat=1", "wait_s=540");
        assertThat(ana.findElement(By.id("d-evidence")).getText()).contains("wait_s", "540");
        ana.findElement(By.id("a-ack")).click();
        new WebDriverWait(ana, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("d-actions"),
                "ana · acknowledge"));
        assertThat(ana.getCurrentUrl()).contains("episode=blue-1");
        Browsers.screenshot(ana, "02-feed-with-detail");
        AlertAction written = actionOn("blue-1");
        assertThat(written.getAction()).isEqualTo(AlertActionType.ACKNOWLEDGE);
        assertThat(written.getActor()).isEqualTo("ana");

        // a second browser session sees the acknowledgement, and what the first one does next, live
        WebDriver second = browsers.open();
        second.get(fixture.uri("/").toString());
        signIn(second, "ana");
        awaitRow(second, "blue-1");
        new WebDriverWait(second, WAIT).until(d -> "acknowledged".equals(cell(d, "blue-1", "handling")));
        ana.findElement(By.id("a-assignee")).sendKeys("agent-7");
        ana.findElement(By.id("a-assign")).click();
        new WebDriverWait(second, WAIT).until(d -> "assigned → agent-7".equals(cell(d, "blue-1", "handling")));

        // a console restart: the open page reconnects by itself and shows the same state, then new alerts
        fixture.restart();
        fixture.produceAlerts(customerAlert("blue-3", "team-blue", AlertStatus.OPEN, Severity.MEDIUM, now));
        awaitRow(ana, "blue-3");
        assertThat(((JavascriptExecutor) ana).executeScript("return window.sameLoad;")).isEqualTo("yes");
        assertThat(cell(ana, "blue-1", "handling")).isEqualTo("assigned → agent-7");
        assertThat(rowIds(ana)).containsExactlyInAnyOrder("blue-1", "blue-2", "blue-3", "blue-x");
        second.navigate().refresh();
        awaitRow(second, "blue-3");
        assertThat(cell(second, "blue-1", "handling")).isEqualTo("assigned → agent-7");
        assertThat(rowIds(second)).doesNotContain("green-1", "green-2");
        Browsers.screenshot(second, "03-feed-after-restart");
    }

    @Test
    void aSurgeOfAlertsIsDrawnInAFewRedrawsAndTheFeedStaysResponsive() throws Exception {
        fixture.produceAlerts(customerAlert("blue-0", "team-blue", AlertStatus.OPEN, Severity.LOW, now));
        fixture.start(0);
        WebDriver ana = browsers.open();
        ana.get(fixture.uri("/").toString());
        signIn(ana, "ana");
        awaitRow(ana, "blue-0");
        JavascriptExecutor page = (JavascriptExecutor) ana;
        long before = ((Number) page.executeScript("return performance.getEntriesByName('feed-render').length;"))
                .longValue();

        // a surge: 3000 alerts committed at once reach the page as 3000 pushed events; they are a
        // millisecond apart, so three of them fall on a whole second (printed without a fraction)
        int surge = 3000;
        Alert[] alerts = new Alert[surge];
        for (int i = 0; i < surge; i++) {
            alerts[i] = customerAlert("surge-" + i, "team-blue", AlertStatus.OPEN, Severity.HIGH, now.plusMillis(i + 1));
        }
        fixture.produceAlerts(alerts);
        new WebDriverWait(ana, WAIT).until(d -> rowIds(d).stream().findFirst().orElse("").equals("surge-" + (surge - 1)));

        long redraws = ((Number) page.executeScript("return performance.getEntriesByName('feed-render').length;"))
                .longValue() - before;
        assertThat(redraws).as("redraws for %d pushed alerts", surge).isPositive().isLessThan(surge / 20);
        assertThat(rowIds(ana)).hasSize(500).first().isEqualTo("surge-" + (surge - 1)); // the newest 500 are shown
        assertThat(ana.findElement(By.id("counts")).getText()).isEqualTo("500 episodes · 500 high or critical");
    }

    @Test
    void operationsSeeQueueMetricsChartsComplaintSpikesAndSupplierShares() throws Exception {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        List<io.cxpulse.schema.MetricSnapshot> metrics = new ArrayList<>();
        for (String queue : List.of("billing", "delivery")) {
            for (int m = 0; m < 90; m++) {
                long contacts = 10 + (m % 7);
                long abandoned = queue.equals("delivery") ? m / 20 : 0;
                metrics.add(io.cxpulse.console.logic.Alerts.metric(Dimension.QUEUE, queue,
                        hour.minus(Duration.ofMinutes(90 - m)), Duration.ofMinutes(1), true, 6, 3 + (m % 4), contacts,
                        abandoned));
            }
            metrics.add(io.cxpulse.console.logic.Alerts.metric(Dimension.QUEUE, queue, hour,
                    Duration.ofHours(1), false, 40, 31, 300, 12));
        }
        fixture.produce(fixture.topics().metrics(), s -> s.getDimension() + "|" + s.getDimensionValue() + "|"
                + s.getWindowStart().toEpochMilli(), metrics.toArray(new io.cxpulse.schema.MetricSnapshot[0]));
        List<SupplierShare> shares = new ArrayList<>();
        String[] suppliers = {"WH-A", "WH-B", "WH-C", "WH-D", "WH-E", "WH-F"};
        double[] shipmentShare = {0.30, 0.25, 0.20, 0.12, 0.10, 0.03};
        long[] complaints = {20, 15, 12, 8, 5, 22};
        for (int i = 0; i < suppliers.length; i++) {
            shares.add(SupplierShare.newBuilder()
                    .setWindowStart(hour.minus(Duration.ofHours(24)))
                    .setWindowEnd(hour)
                    .setCategory(ComplaintCategory.SHIPPING)
                    .setSupplierId(suppliers[i])
                    .setShipments(Math.round(shipmentShare[i] * 4000))
                    .setComplaints(complaints[i])
                    .setShipmentShare(shipmentShare[i])
                    .setComplaintShare(complaints[i] / 82.0)
                    .setLift(complaints[i] / 82.0 / shipmentShare[i])
                    .setPValue(i == 5 ? 1e-9 : 0.4)
                    .setQValue(i == 5 ? 6e-9 : 0.8)
                    .setFlagged(i == 5)
                    .build());
        }
        fixture.produce(fixture.topics().supplierShares(), s -> s.getCategory() + "|" + s.getSupplierId(),
                shares.toArray(new SupplierShare[0]));
        fixture.produceAlerts(spike(AlertStatus.OPEN, hour.minus(Duration.ofMinutes(10)), 23, 2.6),
                spike(AlertStatus.UPDATE, hour.minus(Duration.ofMinutes(5)), 31, 2.7),
                queueAlert("delivery", AlertStatus.OPEN, now));
        fixture.start(0);

        WebDriver olga = browsers.open();
        olga.get(fixture.uri("/operations").toString());
        signIn(olga, "olga");
        new WebDriverWait(olga, WAIT).until(ExpectedConditions.urlContains("/operations"));
        new WebDriverWait(olga, WAIT).until(d -> d.findElements(By.cssSelector("#queues .card")).size() == 2);
        new WebDriverWait(olga, WAIT).until(d -> d.findElements(By.cssSelector("#queues canvas")).size() >= 10);
        new WebDriverWait(olga, WAIT).until(d -> !d.findElements(By.cssSelector("tr[data-supplier='WH-F'].flagged")).isEmpty());
        WebElement whF = olga.findElement(By.cssSelector("tr[data-supplier='WH-F']"));
        assertThat(whF.getDomProperty("title")).contains("q = 6.0e-9", "lift = 8.94");
        assertThat(olga.findElement(By.cssSelector("#queues .card[data-value='billing'] .tiles")).getText())
                .contains("77.5"); // CSAT 31 of 40 this hour so far
        new WebDriverWait(olga, WAIT).until(d -> !d.findElements(By.cssSelector("#spikes tr[data-alert-id='spike-product']")).isEmpty());
        olga.findElement(By.cssSelector("#spikes tr[data-alert-id='spike-product']")).click();
        new WebDriverWait(olga, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("sd-drivers"), "WH-C"));
        assertThat(olga.findElement(By.id("sd-updates")).getText()).contains("31", "23");
        ((JavascriptExecutor) olga).executeScript("window.scrollTo(0, 0);");
        Browsers.screenshot(olga, "04-operations-queues");
        ((JavascriptExecutor) olga).executeScript("document.getElementById('spikes').scrollIntoView();");
        Browsers.screenshot(olga, "05-operations-spikes-and-shares");

        // a supervisor cannot open it
        WebDriver ana = browsers.open();
        ana.get(fixture.uri("/operations").toString());
        signIn(ana, "ana");
        new WebDriverWait(ana, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "operations role"));
        assertThat(ana.findElements(By.id("queues"))).isEmpty();
    }

    private static Alert spike(AlertStatus status, Instant bucket, int count, double baseline) {
        return Alert.newBuilder()
                .setAlertId("spike-product")
                .setKind(AlertKind.COMPLAINT_SPIKE)
                .setStatus(status)
                .setSeverity(Severity.HIGH)
                .setSubjectType(SubjectType.CATEGORY)
                .setSubjectId("PRODUCT")
                .setSummary(count + " product complaints in 5 min against a usual " + baseline
                        + "; excess from WH-C 61%, SMS 39%")
                .setReasons(List.of("count=" + count, "driver:supplier=WH-C"))
                .setEvidence(Map.of("count", (double) count, "baseline", baseline, "p_value", 1e-12,
                        "excess_share.supplier=WH-C", 0.61, "excess_share.channel=SMS", 0.39))
                .setWindowStart(bucket)
                .setWindowEnd(bucket.plus(Duration.ofMinutes(5)))
                .setEventTime(bucket.plus(Duration.ofMinutes(5)))
                .setDetectedAt(Instant.now())
                .build();
    }

    private void signIn(WebDriver driver, String user) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        driver.findElement(By.id("user")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * The text of one cell of a feed row ({@code cls} its class; null: the row's class list), read
     * in one script so that a re-render between finding and reading cannot intervene; null when
     * the row is not there.
     */
    private static String cell(WebDriver driver, String alertId, String cls) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const r = document.querySelector('#feed-rows tr[data-alert-id=\"' + arguments[0] + '\"]');"
                        + " if (!r) return null; if (!arguments[1]) return r.className;"
                        + " const c = r.querySelector('.' + arguments[1]); return c ? c.textContent : null;",
                alertId, cls);
    }

    private static WebElement row(WebDriver driver, String alertId) {
        return driver.findElement(By.cssSelector("#feed-rows tr[data-alert-id='" + alertId + "']"));
    }

    private static void awaitRow(WebDriver driver, String alertId) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed-rows tr[data-alert-id='" + alertId + "']")));
    }

    /** The feed's alert ids, top to bottom, read in one script (a redraw cannot intervene). */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#feed-rows tr')].map(r => r.dataset.alertId);");
    }

    private AlertAction actionOn(String alertId) {
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.read(fixture.topics().alertActions(), WAIT,
                rs -> rs.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(alertId)),
                Duration.ZERO);
        byte[] value = records.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(alertId))
                .findFirst().orElseThrow().value();
        try {
            return SingleObjectCodec.forClass(AlertAction.class).decode(fixture.topics().alertActions(), value);
        } catch (io.cxpulse.common.serde.InvalidRecordException e) {
            throw new AssertionError(e);
        }
    }
}
